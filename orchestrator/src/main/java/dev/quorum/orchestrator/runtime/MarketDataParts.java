package dev.quorum.orchestrator.runtime;

import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.datasync.LiveMarketData;
import dev.quorum.orchestrator.datasync.MarketDataFreshness;
import dev.quorum.orchestrator.datasync.Staleness;
import dev.quorum.orchestrator.health.ReadinessCheck;

import java.time.Clock;
import java.util.Optional;

/**
 * The market data a process decides on: the price files under {@code market.data_dir}, how many sessions behind
 * the calendar a ticker may be and still be decided, and the readiness check that reports their age.
 */
record MarketDataParts(LiveMarketData data, Staleness staleness, ReadinessCheck freshness) {

    static MarketDataParts open(QuorumConfig config) {
        LiveMarketData data = LiveMarketData.open(config.marketDataDirectory(), config.market().maxFileBytes());
        int maxStaleSessions = config.market().sync().maxStaleSessions();
        // The shipped sample is historical by design: it is never behind today's session.
        Optional<Clock> today = config.marketDataIsShippedSample() ? Optional.empty() : Optional.of(Clock.systemUTC());
        return new MarketDataParts(data, Staleness.limitedTo(data, maxStaleSessions, today),
                new MarketDataFreshness(data, config.watchlist(), maxStaleSessions, Clock.systemUTC()));
    }
}
