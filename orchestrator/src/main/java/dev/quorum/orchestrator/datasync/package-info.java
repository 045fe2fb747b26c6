/**
 * {@code quorum data sync}: keeps the market-data directory ({@code market.data_dir}, the layout
 * {@link dev.quorum.agents.market.CsvMarketData} reads) current from public providers, so that a scheduled cycle
 * decides on yesterday's close and not on whatever file someone last copied in.
 *
 * <p>{@link dev.quorum.orchestrator.datasync.MarketDataSync} walks the files: daily bars per ticker from a
 * {@link dev.quorum.orchestrator.datasync.PriceSource} ({@link dev.quorum.orchestrator.datasync.StooqPrices},
 * keyless, or {@link dev.quorum.orchestrator.datasync.AlpacaPrices}), the VIX, the 10-year yield and CPI from
 * {@link dev.quorum.orchestrator.datasync.FredMacro} (which series, and when each value is known:
 * {@link dev.quorum.orchestrator.datasync.MacroFile}). Every file is updated the same way
 * ({@link dev.quorum.orchestrator.datasync.AtomicCsv}): the new content goes to a temporary file next to it, is read
 * back with the same checks the point-in-time layer applies, and only then renamed over the old one, so a sync that
 * dies half-way leaves each file either as it was or fully updated. Stored bars are history: a provider that now
 * reports a different value for a stored day (a split, a correction) is a revision, listed with old and new values
 * and applied only when the operator asks ({@code --allow-revisions}).
 *
 * <p>All HTTP goes through {@link dev.quorum.orchestrator.datasync.ProviderClient}: per-provider pacing, retries with
 * exponential backoff for 429, 5xx and broken connections (resilience4j), at least as long as a {@code Retry-After}
 * asks, and one-line errors for what retrying cannot fix (a refused key, an unknown symbol).
 *
 * <p>How stale the data is: {@link dev.quorum.orchestrator.datasync.ExchangeCalendar} (the NYSE's holiday rules) says
 * which session is the last completed one; {@link dev.quorum.orchestrator.datasync.Staleness} puts a ticker's or the
 * whole data set's lag into {@code meta.degraded}, {@link dev.quorum.orchestrator.datasync.MarketDataFreshness} into
 * {@code /health}.
 */
package dev.quorum.orchestrator.datasync;
