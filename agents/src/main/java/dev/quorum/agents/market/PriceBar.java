package dev.quorum.agents.market;

import java.time.LocalDate;
import java.util.List;

/**
 * One daily session of a ticker, in the format of {@code data/prices/<TICKER>.csv}.
 * OHLC and volume are split-adjusted; {@code adjClose} is also dividend-adjusted.
 */
public record PriceBar(LocalDate date, double open, double high, double low, double close,
                       double adjClose, long volume, double dividend) {

    /**
     * The index of the first bar dated after {@code date} ({@code bars.size()} when none): the bars up to it are what
     * was known at that day's close. A binary search, since a price list is long and read once per decision.
     *
     * @param bars a ticker's bars, oldest first ({@link MarketData#dailyBars})
     */
    public static int firstAfter(List<PriceBar> bars, LocalDate date) {
        int low = 0;
        int high = bars.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (bars.get(mid).date().isAfter(date)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
