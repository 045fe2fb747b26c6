package dev.quorum.orchestrator.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small filesystem (tmpfs) mounted on a directory, that a test fills to the brim and frees again: the disk
 * under SQLite running out for real, ENOSPC from the kernel. Mounting needs root (CAP_SYS_ADMIN);
 * {@link #mount} says why when it cannot.
 */
public final class SmallFilesystem implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    /** The result of trying to mount: the filesystem, or why there is none. */
    public sealed interface Mounted permits Ready, Refused {
    }

    public record Ready(SmallFilesystem filesystem) implements Mounted {
    }

    public record Refused(String why) implements Mounted {
    }

    /** Mounts a tmpfs of {@code sizeBytes} on {@code mountPoint} (created when absent). */
    public static Mounted mount(Path mountPoint, long sizeBytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        String output = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes + ",mode=0755", "quorum-test",
                mountPoint.toString()));
        return output == null ? new Ready(new SmallFilesystem(mountPoint)) : new Refused(output);
    }

    public Path mountPoint() {
        return mountPoint;
    }

    /** Bytes an unprivileged writer could still allocate. */
    public long free() throws IOException {
        FileStore store = Files.getFileStore(mountPoint);
        return store.getUsableSpace();
    }

    /**
     * Fills the filesystem with a filler file until only {@code leaveBytes} (rounded to pages) are free. The filler
     * is written in ever smaller blocks so what is left is exact to the page.
     */
    public void fillLeaving(long leaveBytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int block = 1 << 20; block >= 4096; block >>= 1) {
                byte[] zeros = new byte[block];
                while (free() - block >= leaveBytes) {
                    out.write(zeros);
                    out.flush();
                }
            }
        }
    }

    /** Deletes the filler: the space is back. */
    public void freeSpace() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String output = run(List.of("umount", "-l", mountPoint.toString()));
        if (output != null) {
            throw new IOException("cannot unmount the test tmpfs at " + mountPoint + ": " + output);
        }
    }

    /** Runs a command; null when it succeeded, else its output and exit code. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return command.get(0) + " cannot run: " + e.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes()).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not finish in 30 s";
        }
        return process.exitValue() == 0 ? null : String.join(" ", command) + " exited " + process.exitValue() + ": " + output;
    }
}
