package dev.quorum.memory.store;

import java.nio.file.Path;

/**
 * The database file cannot be used by Quorum: it is corrupt, it belongs to another application, it was written by
 * a newer Quorum, or this process cannot write it (or its directory). The file is left exactly as it was found.
 */
public final class UnusableDatabaseException extends RuntimeException {

    private final Path file;

    public UnusableDatabaseException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public UnusableDatabaseException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
