package dev.quorum.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real Redis Sentinel deployment on loopback ports: a master {@code redis-server}, one replica of it, and one
 * Sentinel ({@code redis-server sentinel.conf --sentinel}) monitoring them under {@link #masterName()};
 * {@link #failover()} promotes the replica.
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
    private final Optional<String> password;
    private final RedisServer master;
    private final SentinelProcess sentinel;
    private RedisServer replica;

    /**
     * @param password when present, the master and its replica require it ({@code requirepass}, and
     *                 {@code masterauth} between them); the Sentinel needs none
     */
    public RedisSentinel(String masterName, Optional<String> password) {
        this.masterName = masterName;
        this.password = password;
        this.master = new RedisServer(authArgs(password));
        this.sentinel = new SentinelProcess(masterName, master, password);
    }

    private static List<String> authArgs(Optional<String> password) {
        return password.map(p -> List.of("--requirepass", p, "--masterauth", p)).orElse(List.of());
    }

    /**
     * Starts the master and a replica of it, then the Sentinel (once the replica is in sync, so the Sentinel's first
     * look at the master already lists it), and waits until the Sentinel reports the master's address.
     */
    @Override
    public void start() {
        master.start();
        List<String> replicaArgs = new ArrayList<>(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
        replicaArgs.addAll(authArgs(password));
        replica = new RedisServer(replicaArgs);
        replica.start();
        RedisCli.awaitOutput(replica.port(), out -> out.contains("master_link_status:up"), READY_TIMEOUT,
                "the replica is in sync with the master", authenticated("INFO", "replication"));
        sentinel.start();
        awaitMaster(master.port());
    }

    /**
     * Promotes the replica ({@code SENTINEL FAILOVER}) after it has every write of the master, and returns once the
     * Sentinel names it as the master. Clients learn the switch from the Sentinel's {@code +switch-master} event.
     *
     * @return the new master's port
     */
    public int failover() {
        int oldMaster = currentMasterPort();
        RedisServer promoted = oldMaster == master.port() ? replica : master;
        RedisCli.run(oldMaster, authenticated("WAIT", "1", "5000"));
        // The Sentinel learns about replicas from the master's INFO every 10 s: asked before it knows this one, it
        // answers NOGOODSLAVE and promotes nothing.
        String port = Integer.toString(promoted.port());
        RedisCli.awaitOutput(sentinel.port(), out -> out.lines().anyMatch(port::equals) && !out.contains("disconnected"),
                READY_TIMEOUT, "the Sentinel knows the replica 127.0.0.1:" + port, "SENTINEL", "REPLICAS", masterName);
        RedisCli.awaitOutput(sentinel.port(), out -> out.strip().equals("OK") || out.contains("INPROG"), READY_TIMEOUT,
                "the Sentinel accepts the failover", "SENTINEL", "FAILOVER", masterName);
        awaitMaster(promoted.port());
        return promoted.port();
    }

    /** The port of the server the Sentinel names as master now. */
    public int currentMasterPort() {
        String[] lines = RedisCli.run(sentinel.port(), "SENTINEL", "get-master-addr-by-name", masterName).strip().split("\\s+");
        return Integer.parseInt(lines[lines.length - 1]);
    }

    private void awaitMaster(int port) {
        RedisCli.awaitOutput(sentinel.port(), out -> out.strip().endsWith(Integer.toString(port)), READY_TIMEOUT,
                "the Sentinel names 127.0.0.1:" + port + " as master " + masterName,
                "SENTINEL", "get-master-addr-by-name", masterName);
    }

    /** redis-cli arguments that log in first when the servers have a password. */
    private String[] authenticated(String... command) {
        List<String> args = new ArrayList<>();
        password.ifPresent(p -> args.addAll(List.of("--no-auth-warning", "-a", p)));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    public String masterName() {
        return masterName;
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
        if (replica != null) {
            replica.close();
        }
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
