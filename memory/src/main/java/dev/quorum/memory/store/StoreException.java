package dev.quorum.memory.store;

import java.sql.SQLException;

/** A database operation failed; the transaction it belonged to was rolled back, nothing was half-written. */
public final class StoreException extends RuntimeException {

    public StoreException(String operation, SQLException cause) {
        super(operation + " failed: " + cause.getMessage(), cause);
    }
}
