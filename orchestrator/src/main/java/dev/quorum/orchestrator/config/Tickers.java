package dev.quorum.orchestrator.config;

import java.util.regex.Pattern;

/**
 * What a ticker is, the one rule for the watchlist, a job on the stream and every {@code --ticker}/{@code --tickers}
 * of the command line ({@code cli.TickerOption}): an upper-case letter, then up to 14 upper-case letters, digits,
 * {@code .}, {@code ^} or {@code -}. A ticker names a file ({@code prices/<TICKER>.csv}) and a Redis key, so
 * anything else is refused before it reaches either.
 */
public final class Tickers {

    private static final Pattern TICKER = Pattern.compile("[A-Z][A-Z0-9.^-]{0,14}");

    private Tickers() {
    }

    public static boolean isTicker(String value) {
        return value != null && TICKER.matcher(value).matches();
    }

    /** The problem {@code value} is refused with, the same wherever it was written. */
    public static String notATicker(String value) {
        return "'" + value + "' is not a ticker: an upper-case letter, then at most 14 upper-case letters, digits, "
                + "'.', '^' or '-' (e.g. NVDA or BRK.B)";
    }
}
