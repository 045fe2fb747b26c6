package dev.quorum.orchestrator.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
 * holder for the refused process; the lock, not the text, is what excludes. The file stays beside the database
 * after a run, except when the open that created it was refused ({@link #removeIfCreated()}): pointing {@code --db}
 * at a file that is not a database leaves nothing beside it. Because a file can now be removed, a process that got
 * the lock checks that the path still names the file it locked (else it locked a removed file, and tries again).
 */
public final class DataDirLock implements AutoCloseable {

    /** How often {@link #acquire} takes a file that was removed under it before it gives up. */
    private static final int ATTEMPTS = 5;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean created;
    private final Map<String, String> holder = new LinkedHashMap<>();

    private DataDirLock(Path file, FileChannel channel, FileLock lock, boolean created) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.created = created;
    }

    /** The lock file beside {@code database}. */
    public static Path fileFor(Path database) {
        return database.resolveSibling(database.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code database} for this process.
     *
     * @throws DataDirLockedException when another process (or another runtime in this one) holds it
     */
    public static DataDirLock acquire(Path database, String command) {
        Path file = fileFor(database);
        String pid = Long.toString(ProcessHandle.current().pid());
        for (int attempt = 1; ; attempt++) {
            DataDirLock taken = tryAcquire(database, file, command, pid);
            if (taken != null) {
                return taken;
            }
            if (attempt == ATTEMPTS) {
                throw new UncheckedIOException(new IOException("cannot take the lock " + file
                        + ": it was removed under this process " + ATTEMPTS + " times"));
            }
        }
    }

    /**
     * The lock, or null when the file this process locked was removed in between (by a refused open, see above):
     * the path must name the same file when it was opened and once it is locked.
     */
    private static DataDirLock tryAcquire(Path database, Path file, String command, String pid) {
        FileChannel channel = null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean created;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
                created = true;
            } catch (FileAlreadyExistsException exists) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                created = false;
            }
            Optional<Object> opened = identity(file);
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
            DataDirLock taken = new DataDirLock(file, channel, lock, created);
            Optional<Object> locked = identity(file);
            if (opened.isEmpty() || !opened.equals(locked)) {
                // The path names another file now (or none): the one locked here was removed; it guards nothing.
                taken.close();
                return null;
            }
            taken.describe("pid", pid);
            taken.describe("command", command);
            return taken;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot take the lock " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file at {@code file} (device and inode), from its attributes: reading it would open and close another
     * descriptor, and closing any descriptor of a file drops this process's POSIX locks on it. Empty when there is no
     * file; a platform without file keys gives one constant, so there the check passes.
     */
    private static Optional<Object> identity(Path file) throws IOException {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return Optional.of(key == null ? Boolean.TRUE : key);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes the lock file when this process created it, while still holding the lock; for an open that was
     * refused, before {@link #close()}. A file that was there before (a database in use) is left as it was.
     */
    public void removeIfCreated() {
        if (!created) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind: harmless, the next holder locks it as it would have.
        }
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
