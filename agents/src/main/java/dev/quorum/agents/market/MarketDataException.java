package dev.quorum.agents.market;

import java.nio.file.Path;

/**
 * Market data that cannot be used: a missing or malformed file, an unknown ticker, a date that is not a
 * session. The message names what is wrong (file, line, column) so an operator can fix the data.
 */
public class MarketDataException extends RuntimeException {

    public MarketDataException(String message) {
        super(message);
    }

    public MarketDataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem at one cell of a CSV file; line numbers are 1-based and count the header line. */
    static MarketDataException at(Path file, long line, String column, String problem) {
        return new MarketDataException(file + ": line " + line + ", column '" + column + "': " + problem);
    }
}
