package dev.quorum.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command run to its end for a test (a Python script, an interpreter probe): its exit status and its output,
 * standard output and error together. The output goes to a file while it runs, so a command that hangs with its
 * output open is still cut at the timeout.
 *
 * @param exitCode the command's exit status; -1 when it could not start, timed out (and was killed) or was interrupted
 * @param output   what it printed, or what happened to it when the exit code is -1
 */
public record CommandRun(int exitCode, String output) {

    public static CommandRun of(List<String> command, Duration timeout) {
        Path log = null;
        try {
            log = Files.createTempFile("quorum-command", ".log");
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new CommandRun(-1, "timed out after " + timeout.toSeconds() + " s: " + read(log));
            }
            return new CommandRun(process.exitValue(), read(log));
        } catch (IOException e) {
            return new CommandRun(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandRun(-1, "interrupted");
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
