package dev.quorum.orchestrator.datasync;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * One daily bar as a provider serves it: no adjusted close and no dividend (neither Stooq nor Alpaca has them).
 * A bar no exchange session can have is the provider's bad answer, refused here for every provider: a price that
 * is not a finite number ({@code NaN} parses as a double), or a date on a weekend (it would add a session to the
 * calendar, SPY).
 */
public record FetchedBar(LocalDate date, double open, double high, double low, double close, long volume) {

    /** @throws IllegalArgumentException saying what is wrong with the bar */
    public FetchedBar {
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            throw new IllegalArgumentException("dated " + date + ", a " + date.getDayOfWeek().getDisplayName(TextStyle.FULL,
                    Locale.ENGLISH) + ": no session");
        }
        finite("open", open);
        finite("high", high);
        finite("low", low);
        finite("close", close);
    }

    private static void finite(String column, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(column + " is not a finite number: " + value);
        }
    }
}
