package dev.quorum.agents.market;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The monthly macro series and their publication delays. A monthly value is never visible during the month it
 * describes: using it there would leak the future into a backtest.
 */
public enum MacroSeries {

    /**
     * 10-year US Treasury yield, percent, monthly average of the Fed's H.15 daily rates. The average is only
     * complete once the month is over, so it is known from the 1st of the following month.
     */
    US10Y_YIELD("macro/us10y-monthly.csv", "Rate") {
        @Override
        public LocalDate knownFrom(YearMonth month) {
            return month.plusMonths(1).atDay(1);
        }
    },

    /**
     * US CPI-U index (1982-84 = 100). The BLS publishes month M's CPI between the 10th and the 15th of M+1,
     * so it is known from the 15th of the following month (the latest usual release day, to stay safe).
     */
    CPI("macro/cpi-us-monthly.csv", "Index") {
        @Override
        public LocalDate knownFrom(YearMonth month) {
            return month.plusMonths(1).atDay(15);
        }
    };

    private final String relativePath;
    private final String valueColumn;

    MacroSeries(String relativePath, String valueColumn) {
        this.relativePath = relativePath;
        this.valueColumn = valueColumn;
    }

    /** The file inside a market-data directory. */
    public String relativePath() {
        return relativePath;
    }

    String valueColumn() {
        return valueColumn;
    }

    /** The first date at whose close the value for {@code month} is known. */
    public abstract LocalDate knownFrom(YearMonth month);
}
