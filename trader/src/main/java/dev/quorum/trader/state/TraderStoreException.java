package dev.quorum.trader.state;

/** The trader's SQLite file failed; the message names the operation. */
public final class TraderStoreException extends RuntimeException {

    public TraderStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
