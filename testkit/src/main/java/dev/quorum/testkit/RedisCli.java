package dev.quorum.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs {@code redis-cli} (from PATH, installed with redis-server) to set up Sentinel and Cluster test topologies. */
final class RedisCli {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private RedisCli() {
    }

    /** Runs {@code redis-cli -h 127.0.0.1 -p port args...} and returns its output; fails on a non-zero exit. */
    static String run(int port, String... args) {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run redis-cli: " + e.getMessage()
                    + ". Install it with 'apt-get install redis-server' (redis-tools).", e);
        }
        try (InputStream out = process.getInputStream()) {
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + COMMAND_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited with " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("reading redis-cli output failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running redis-cli", e);
        }
    }

    /**
     * Repeats {@code redis-cli ... args} until its output satisfies {@code ready}. A bounded poll: Redis publishes
     * no event a test process could wait on for "the cluster agrees" or "the Sentinel knows its master".
     */
    static String awaitOutput(int port, Predicate<String> ready, Duration timeout, String what, String... args) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            last = run(port, args);
            if (ready.test(last)) {
                return last;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting until " + what, e);
            }
        }
        throw new IllegalStateException("gave up after " + timeout + " waiting until " + what
                + "; last answer of 127.0.0.1:" + port + ":\n" + last);
    }
}
