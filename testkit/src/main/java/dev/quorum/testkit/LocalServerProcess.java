package dev.quorum.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server binary run as a child process on 127.0.0.1, with its output captured to a log file so a
 * failed start can say why. Subclasses supply the command line; this class owns ports, readiness and
 * shutdown so every server in the test suite behaves the same way. Like the other {@link ServerFixture}s, a test class
 * may register one ({@code @RegisterExtension static final RedisServer REDIS = new RedisServer();}) instead of
 * starting and closing it itself.
 */
public abstract class LocalServerProcess implements ServerFixture {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    protected final Path workDir;
    private int port;
    private Process process;

    protected LocalServerProcess(String name) {
        try {
            this.workDir = Files.createTempDirectory("quorum-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line to run the server on {@code port}, with files under {@link #workDir}. */
    protected abstract List<String> command(int port);

    /** How to install the binary, shown when it cannot be started. */
    protected abstract String installHint();

    /** Starts the server on a new free port and waits until it is {@linkplain #ready ready}. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        port = port == 0 ? freePort() : port;
        startOn(port);
    }

    /** Starts the server again on the same port, e.g. after {@link #kill()} in a fault test. */
    public synchronized void restart() {
        stop();
        startOn(port);
    }

    private void startOn(int chosenPort) {
        List<String> cmd = command(chosenPort);
        Path log = workDir.resolve("server.log");
        try {
            process = new ProcessBuilder(cmd).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + cmd.get(0) + ": " + e.getMessage()
                    + ". " + installHint(), e);
        }
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (!ready(chosenPort)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                String output = readQuietly(log);
                stop();
                throw new IllegalStateException(cmd.get(0) + " did not become ready on 127.0.0.1:" + chosenPort
                        + ". " + installHint() + "\nServer output:\n" + output);
            }
            Thread.onSpinWait();
            try {
                // Polling a port that is not yet open; there is no event to wait on.
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + cmd.get(0), e);
            }
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    /** Stops the process gracefully (SIGTERM), waiting for it to exit. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(process)) {
                process.destroyForcibly();
                waitFor(process);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static boolean waitFor(Process p) {
        try {
            return p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether the server on {@code port} is ready for a test: by default, that it accepts TCP connections. A server
     * that accepts before it answers (Redis loading its append-only file) says more.
     */
    protected boolean ready(int port) {
        return accepts(port);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** A loopback port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
