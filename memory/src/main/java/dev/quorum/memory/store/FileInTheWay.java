package dev.quorum.memory.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What keeps a store's file from ever being made where it is configured: a folder on its path that is a file (a
 * {@code data_dir} that names a file). The database and the recall store's files are refused with it before anything
 * is written, so the operator reads which path is in the way rather than an I/O error from deep in a library.
 */
public final class FileInTheWay {

    private FileInTheWay() {
    }

    /** The nearest existing folder on the way to {@code file} when it is not a directory; empty when none is in the way. */
    public static Optional<Path> of(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        return parent != null && !Files.isDirectory(parent) ? Optional.of(parent) : Optional.empty();
    }
}
