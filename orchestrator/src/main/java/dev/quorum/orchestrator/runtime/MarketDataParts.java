package dev.quorum.orchestrator.runtime;

import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.datasync.LiveMarketData;
import dev.quorum.orchestrator.datasync.MarketDataFreshness;
import dev.quorum.orchestrator.datasync.Staleness;
import dev.quorum.orchestrator.health.ReadinessCheck;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The market data a process decides on: the price files under {@code market.data_dir}, how many sessions behind
 * the calendar a ticker may be and still be decided, and the readiness check that reports their age.
 */
record MarketDataParts(LiveMarketData data, Staleness staleness, ReadinessCheck freshness) {

    private static final Logger log = LoggerFactory.getLogger(MarketDataParts.class);

    /**
     * @param readWatchlist read the watchlist's price files now (the service, before it is ready): the first readiness
     *                      check and the first cycle read them anyway
     */
    static MarketDataParts open(QuorumConfig config, boolean readWatchlist) {
        LiveMarketData data = LiveMarketData.open(config.marketDataDirectory(), config.market().maxFileBytes());
        if (readWatchlist) {
            readWatchlist(data, config.watchlist());
        }
        int maxStaleSessions = config.market().sync().maxStaleSessions();
        // The shipped sample is historical by design: it is never behind today's session.
        Optional<Clock> today = config.marketDataIsShippedSample() ? Optional.empty() : Optional.of(Clock.systemUTC());
        return new MarketDataParts(data, Staleness.limitedTo(data, maxStaleSessions, today),
                new MarketDataFreshness(data, config.watchlist(), maxStaleSessions, Clock.systemUTC(),
                        data::refreshIfChanged));
    }

    /**
     * Reads the watchlist's price files into the cache. A file that cannot be read is left to the cycle, which reports
     * that ticker not decided with the reason, as it would have without this.
     */
    private static void readWatchlist(LiveMarketData data, List<String> watchlist) {
        for (String ticker : watchlist) {
            if (data.tickers().contains(ticker)) {
                try {
                    data.dailyBars(ticker);
                } catch (RuntimeException e) {
                    log.debug("{}: not read at start-up, the cycle reports it: {}", ticker, e.getMessage());
                }
            }
        }
    }
}
