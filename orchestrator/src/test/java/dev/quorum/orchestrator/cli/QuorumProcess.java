package dev.quorum.orchestrator.cli;

import dev.quorum.testkit.ProjectPaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code quorum} as a real child JVM (what bin/quorum and systemd run): own environment, working directory and
 * signals. Output goes to files so a test can wait for a line.
 */
final class QuorumProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private QuorumProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static QuorumProcess start(Path logDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                QuorumCli.class.getName()));
        command.addAll(List.of(args));
        Path out = logDir.resolve("stdout.txt");
        Path err = logDir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectPaths.root().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUORUM_"));
        builder.environment().putAll(env);
        return new QuorumProcess(builder.start(), out, err);
    }

    /** Waits for the exit; returns the exit code. */
    int await(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("quorum did not exit within " + limit + "\nstderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** SIGTERM, as systemd stops a service. */
    void terminate() {
        process.destroy();
    }

    /** Waits until stderr (the log) contains {@code text}; a bounded poll because a log line has no event. */
    void awaitLog(String text, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (stderr().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("quorum exited (" + process.exitValue() + ") before logging '" + text + "'\n" + stderr());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' in the log within " + limit + ":\n" + stderr());
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
