package dev.quorum.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} (from PATH) on a free loopback port, no persistence unless asked.
 *
 * <pre>{@code
 * static final RedisServer redis = new RedisServer();
 * @BeforeAll static void up() { redis.start(); }
 * @AfterAll static void down() { redis.close(); }
 * }</pre>
 */
public final class RedisServer extends LocalServerProcess {

    private final List<String> extraArgs;

    public RedisServer() {
        this(List.of());
    }

    /** @param extraArgs extra {@code redis-server} options, e.g. {@code --requirepass s3cret} */
    public RedisServer(List<String> extraArgs) {
        super("redis");
        this.extraArgs = List.copyOf(extraArgs);
    }

    @Override
    protected List<String> command(int port) {
        List<String> cmd = new ArrayList<>(List.of("redis-server",
                "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--dir", workDir.toString(), "--save", "", "--appendonly", "no"));
        cmd.addAll(extraArgs);
        return cmd;
    }

    /**
     * Ready once a PING is answered with anything but LOADING: on a restart Redis accepts connections while it loads
     * its saved data (RDB snapshot or append-only file), and answers every command with an error until it is done.
     */
    @Override
    protected boolean ready(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 200);
            socket.setSoTimeout(1_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return reply != null && !reply.startsWith("-LOADING");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    protected String installHint() {
        return "Install it with 'apt-get install redis-server' (scripts/test.sh does this when run as root).";
    }

    /** {@code redis://127.0.0.1:PORT/0} */
    public String url() {
        return "redis://" + host() + ":" + port() + "/0";
    }
}
