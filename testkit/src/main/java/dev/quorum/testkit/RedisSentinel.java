package dev.quorum.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real Redis Sentinel deployment on loopback ports: a master {@code redis-server} and one Sentinel
 * ({@code redis-server sentinel.conf --sentinel}) monitoring it under {@link #masterName()}.
 *
 * <pre>{@code
 * @RegisterExtension   // started before the class's tests (returns once the Sentinel names the master), stopped after them
 * static final RedisSentinel sentinel = new RedisSentinel("orders", Optional.empty());
 * }</pre>
 * or {@link #start()} and {@link #close()} by hand.
 */
public final class RedisSentinel implements ServerFixture {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final String masterName;
    private final RedisServer master;
    private final SentinelProcess sentinel;

    /** @param masterPassword when present, the master requires it ({@code requirepass}); the Sentinel needs none */
    public RedisSentinel(String masterName, Optional<String> masterPassword) {
        this.masterName = masterName;
        this.master = new RedisServer(masterPassword.map(p -> List.of("--requirepass", p)).orElse(List.of()));
        this.sentinel = new SentinelProcess(masterName, master, masterPassword);
    }

    /** Starts the master, then the Sentinel, and waits until the Sentinel reports the master's address. */
    @Override
    public void start() {
        master.start();
        sentinel.start();
        String expected = Integer.toString(master.port());
        RedisCli.awaitOutput(sentinel.port(), out -> out.contains(expected), READY_TIMEOUT,
                "the Sentinel names master " + masterName, "SENTINEL", "get-master-addr-by-name", masterName);
    }

    public String masterName() {
        return masterName;
    }

    /** The monitored master (to kill or inspect it). */
    public RedisServer master() {
        return master;
    }

    public int sentinelPort() {
        return sentinel.port();
    }

    /** {@code redis-sentinel://127.0.0.1:SENTINEL_PORT/MASTER/0}, without credentials. */
    public String url() {
        return "redis-sentinel://127.0.0.1:" + sentinel.port() + "/" + masterName + "/0";
    }

    @Override
    public void close() {
        sentinel.close();
        master.close();
    }

    /** {@code redis-server sentinel.conf --sentinel}; the Sentinel rewrites its config file, so it gets its own. */
    private static final class SentinelProcess extends LocalServerProcess {

        private final String masterName;
        private final RedisServer master;
        private final Optional<String> masterPassword;

        SentinelProcess(String masterName, RedisServer master, Optional<String> masterPassword) {
            super("redis-sentinel");
            this.masterName = masterName;
            this.master = master;
            this.masterPassword = masterPassword;
        }

        @Override
        protected List<String> command(int port) {
            List<String> conf = new ArrayList<>(List.of(
                    "port " + port,
                    "bind 127.0.0.1",
                    "dir " + workDir,
                    "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1",
                    "sentinel down-after-milliseconds " + masterName + " 1000",
                    "sentinel failover-timeout " + masterName + " 5000"));
            masterPassword.ifPresent(p -> conf.add("sentinel auth-pass " + masterName + " " + p));
            try {
                Files.write(workDir.resolve("sentinel.conf"), conf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return List.of("redis-server", workDir.resolve("sentinel.conf").toString(), "--sentinel");
        }

        @Override
        protected String installHint() {
            return "Install it with 'apt-get install redis-server' (scripts/test.sh does this when run as root).";
        }
    }
}
