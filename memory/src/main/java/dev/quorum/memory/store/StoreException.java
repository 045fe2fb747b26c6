package dev.quorum.memory.store;

import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A database operation failed; the transaction it belonged to was rolled back, nothing was half-written. The message
 * names the operation and the database file, and says what an operator does when the cause is theirs to fix.
 */
public final class StoreException extends RuntimeException {

    /** SQLite's primary result codes an operator fixes outside Quorum. */
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_FULL = 13;

    public StoreException(String operation, Path file, SQLException cause) {
        super(operation + " failed on " + file + ": " + cause.getMessage() + hint(file, cause), cause);
    }

    private static String hint(Path file, SQLException cause) {
        if (!(cause instanceof SQLiteException sqlite)) {
            return "";
        }
        return switch (sqlite.getResultCode().code & 0xFF) {
            case SQLITE_FULL -> "; the disk holding " + file.getParent() + " is full: free space there, nothing of this"
                    + " operation was written and what is stored is intact";
            case SQLITE_READONLY -> "; " + file + " or its directory is not writable by this process";
            default -> "";
        };
    }
}
