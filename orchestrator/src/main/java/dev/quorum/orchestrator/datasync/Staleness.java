package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.MarketData;
import dev.quorum.agents.market.MarketDataException;
import dev.quorum.agents.market.PriceBar;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * How far a ticker's prices lag the calendar (SPY's sessions) at a trade date, when a sync left it behind (its
 * provider was down, the symbol failed). Up to {@code market.sync.max_stale_sessions} sessions behind, the cycle
 * decides from the ticker's last bar and says so in {@code meta.degraded}; further behind, it refuses the ticker.
 */
public final class Staleness {

    /**
     * @param featuresDate   the session whose close the features are computed at: the trade date, or the ticker's
     *                       last bar when it is behind
     * @param sessionsBehind calendar sessions after the ticker's last bar up to the trade date
     */
    public record Verdict(LocalDate featuresDate, int sessionsBehind) {

        /** The {@code meta.degraded} entry of a ticker that is behind; empty when it is current. */
        public Optional<String> degraded() {
            return sessionsBehind == 0 ? Optional.empty() : Optional.of("market data " + sessionsBehind
                    + " session(s) behind: last bar " + featuresDate + ", features as of that close");
        }
    }

    private final Optional<MarketData> marketData;
    private final int maxStaleSessions;

    private Staleness(Optional<MarketData> marketData, int maxStaleSessions) {
        this.marketData = marketData;
        this.maxStaleSessions = maxStaleSessions;
    }

    /** @param maxStaleSessions the most sessions a ticker may be behind and still be decided */
    public static Staleness limitedTo(MarketData marketData, int maxStaleSessions) {
        return new Staleness(Optional.of(marketData), maxStaleSessions);
    }

    /** Every ticker counts as current (the trade date's own checks still apply). */
    public static Staleness unchecked() {
        return new Staleness(Optional.empty(), 0);
    }

    /**
     * @throws MarketDataException when the ticker is more than the limit behind
     */
    public Verdict check(String ticker, LocalDate tradeDate) {
        if (marketData.isEmpty()) {
            return new Verdict(tradeDate, 0);
        }
        MarketData data = marketData.get();
        List<LocalDate> sessions = data.calendar().sessions();
        if (!data.calendar().isSession(tradeDate) || !data.tickers().contains(ticker)) {
            return new Verdict(tradeDate, 0); // the cycle's own error names the problem
        }
        LocalDate last = null;
        for (PriceBar bar : data.dailyBars(ticker)) {
            if (bar.date().isAfter(tradeDate)) {
                break;
            }
            last = bar.date();
        }
        if (last == null || last.equals(tradeDate)) {
            return new Verdict(tradeDate, 0);
        }
        LocalDate lastBar = last;
        int behind = (int) sessions.stream().filter(s -> s.isAfter(lastBar) && !s.isAfter(tradeDate)).count();
        if (behind > maxStaleSessions) {
            throw new MarketDataException(ticker + ": last bar " + lastBar + " is " + behind + " session(s) behind the trade date "
                    + tradeDate + ", more than market.sync.max_stale_sessions = " + maxStaleSessions
                    + ": not decided (run bin/quorum data sync)");
        }
        return new Verdict(behind == 0 ? tradeDate : lastBar, behind);
    }
}
