package dev.quorum.trader.broker;

/**
 * A price file that cannot be used (unreadable, a row that is not a price row): one line naming the file and the line.
 * {@code trade} and {@code trade status} stop on it with exit 3, as every command does on an input file it cannot use.
 */
public final class MarketDataException extends RuntimeException {

    public MarketDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
