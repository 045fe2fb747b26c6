/**
 * Market data with a no-look-ahead guarantee. {@link dev.quorum.agents.market.MarketData} serves the full
 * history (for outcome resolution) and {@link dev.quorum.agents.market.MarketData#asOf} a
 * {@link dev.quorum.agents.market.MarketSnapshot}: the only view features may read, which shows exactly what
 * was known at a trade date's close. Every item carries the date from which it is known
 * ({@link dev.quorum.agents.market.PointInTimeSeries}), so the cut happens in one place.
 * {@link dev.quorum.agents.market.CsvMarketData} reads the CSV layout of {@code ../shared/data} and
 * {@code samples/market}, streaming ({@code CsvFile}), and keeps each ticker's bars in primitive columns
 * ({@code PriceColumns}, 56 bytes a bar) that it hands out as {@link dev.quorum.agents.market.PriceBar}s.
 */
package dev.quorum.agents.market;
