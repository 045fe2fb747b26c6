package dev.quorum.orchestrator.runtime;

import dev.quorum.memory.store.UnusableDatabaseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One writer per database: an exclusive OS file lock on {@code <database>.lock}, held from the moment a process
 * opens its runtime until it closes it. Two processes learning from one database lose training steps and recall
 * entries for good (both number the next step the same); the second one is refused instead, told which process
 * holds the lock and, when that is {@code serve} with its API on, where to send its writes. The kernel drops the
 * lock with its process, so a killed holder never leaves a stale lock behind.
 *
 * <p>The file's text ({@code key=value} lines: {@code pid}, {@code command}, later {@code api}) describes the
 * holder for the refused process; the lock, not the text, is what excludes.
 */
public final class DataDirLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Map<String, String> holder = new LinkedHashMap<>();

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file beside {@code database}. */
    public static Path fileFor(Path database) {
        return database.resolveSibling(database.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code database} for this process.
     *
     * @throws DataDirLockedException    when another process (or another runtime in this one) holds it
     * @throws UnusableDatabaseException when the lock file cannot be made (its directory is a file, not writable)
     */
    public static DataDirLock acquire(Path database, String command) {
        Path file = fileFor(database);
        FileChannel channel = null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new DataDirLockedException(database, Holder.read(file));
            }
            DataDirLock taken = new DataDirLock(file, channel, lock);
            taken.describe("pid", Long.toString(ProcessHandle.current().pid()));
            taken.describe("command", command);
            return taken;
        } catch (IOException e) {
            closeQuietly(channel);
            // The database cannot be used where it is (exit 3, one line), like a database file that cannot be.
            throw new UnusableDatabaseException(database, "cannot make its lock file " + file + ": " + why(e), e);
        }
    }

    /** Why the lock file cannot be made, in words: the JDK's exceptions say only the path for the common cases. */
    private static String why(IOException e) {
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " is not a directory";
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        return e.getMessage();
    }

    /** Adds a line to what a refused process reads about this holder (e.g. {@code api} once the API listens). */
    public synchronized void describe(String key, String value) {
        holder.put(key, value);
        StringBuilder text = new StringBuilder();
        holder.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // The channel's close below releases it too.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing was written through it that matters after this.
            }
        }
    }

    /**
     * What the lock file says about the process holding it; every field may be missing (a holder that has only just
     * opened the file, or an older version).
     */
    public record Holder(Optional<Long> pid, Optional<String> command, Optional<String> api) {

        static Holder read(Path file) {
            Map<String, String> fields = new LinkedHashMap<>();
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        fields.put(line.substring(0, eq), line.substring(eq + 1).strip());
                    }
                }
            } catch (NoSuchFileException e) {
                // Released and removed in between: nothing known.
            } catch (IOException e) {
                // Unreadable: the refusal still stands, without the details.
            }
            Optional<Long> pid = Optional.ofNullable(fields.get("pid")).flatMap(p -> {
                try {
                    return Optional.of(Long.parseLong(p));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            });
            return new Holder(pid, Optional.ofNullable(fields.get("command")), Optional.ofNullable(fields.get("api")));
        }
    }
}
