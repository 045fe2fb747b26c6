package dev.quorum.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until no Chromium process still works in a profile. The browser's helpers (zygotes, renderers, the storage
 * service) outlive the browser process by a moment, re-parented away from it, and keep writing into the profile:
 * a caller that deletes the profile as soon as the browser exited (JUnit's {@code @TempDir}) then fails with a
 * directory that is not empty. Every helper carries the profile's {@code --user-data-dir} flag, which is how they
 * are found even after their parent is gone.
 */
final class ChromiumProfile {

    /** How long the helpers get to finish on their own once the browser told them to. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private ChromiumProfile() {
    }

    /**
     * The processes started with {@code --user-data-dir=profile}. Read from {@code /proc/PID/cmdline}, not
     * {@link ProcessHandle.Info#arguments()}: the helpers rewrite their command line into one string (their title in
     * {@code ps}), which Java then reports as no arguments at all.
     */
    static List<ProcessHandle> processesUsing(Path profile) {
        String flag = "--user-data-dir=" + profile;
        return ProcessHandle.allProcesses().filter(p -> {
            String commandLine = commandLine(p).replace('\0', ' ') + " ";
            return commandLine.contains(" " + flag + " ");
        }).toList();
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // exited meanwhile, or another user's
        }
    }

    /** {@link #awaitReleased(Path, Duration)} with the {@link #GRACE}. */
    static void awaitReleased(Path profile) throws InterruptedException {
        awaitReleased(profile, GRACE);
    }

    /**
     * Returns once every process on {@code profile} has exited: they get {@code grace} to finish on their own, then
     * are killed and waited for as long again.
     *
     * @throws IllegalStateException when some still run after being killed
     */
    static void awaitReleased(Path profile, Duration grace) throws InterruptedException {
        List<ProcessHandle> left = processesUsing(profile);
        if (left.isEmpty() || exited(left, grace)) {
            return;
        }
        left.forEach(ProcessHandle::destroyForcibly);
        if (!exited(left, grace)) {
            throw new IllegalStateException("chromium processes still use " + profile + " after being killed: "
                    + left.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
        }
    }

    private static boolean exited(List<ProcessHandle> processes, Duration grace) throws InterruptedException {
        try {
            CompletableFuture.allOf(processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not watch chromium's processes exit", e);
        }
    }
}
