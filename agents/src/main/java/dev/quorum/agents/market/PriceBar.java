package dev.quorum.agents.market;

import java.time.LocalDate;

/**
 * One daily session of a ticker, in the format of {@code data/prices/<TICKER>.csv}.
 * OHLC and volume are split-adjusted; {@code adjClose} is also dividend-adjusted.
 */
public record PriceBar(LocalDate date, double open, double high, double low, double close,
                       double adjClose, long volume, double dividend) {
}
