package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.MarketData;
import dev.quorum.agents.market.MarketDataException;
import dev.quorum.agents.market.PriceBar;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How far a ticker's prices lag the calendar (SPY's sessions) at a trade date, when a sync left it behind (its
 * provider was down, the symbol failed). Up to {@code market.sync.max_stale_sessions} sessions behind, the cycle
 * decides from the ticker's last bar and says so in {@code meta.degraded}; further behind, it refuses the ticker.
 * <p>
 * With a clock, the whole data set is checked too: a decision for the data's newest session while the exchange
 * ({@link ExchangeCalendar}) has completed later ones says in {@code meta.degraded} how many sessions the data set is
 * behind (a sync that failed for days). It is still decided: the data is what there is, and {@code /health} reports
 * the lag. A decision for an earlier session (a backfill) is not about today and is not flagged.
 */
public final class Staleness {

    /**
     * @param featuresDate   the session whose close the features are computed at: the trade date, or the ticker's
     *                       last bar when it is behind
     * @param sessionsBehind calendar sessions after the ticker's last bar up to the trade date
     */
    public record Verdict(LocalDate featuresDate, int sessionsBehind, Optional<String> calendarLag) {

        public Verdict(LocalDate featuresDate, int sessionsBehind) {
            this(featuresDate, sessionsBehind, Optional.empty());
        }

        /** The {@code meta.degraded} entries: a ticker behind the calendar, a data set behind the exchange; none when current. */
        public List<String> degraded() {
            List<String> degraded = new ArrayList<>();
            if (sessionsBehind > 0) {
                degraded.add("market data " + sessionsBehind + " session(s) behind: last bar " + featuresDate
                        + ", features as of that close");
            }
            calendarLag.ifPresent(degraded::add);
            return degraded;
        }
    }

    private final Optional<MarketData> marketData;
    private final int maxStaleSessions;
    private final Optional<Clock> today;

    private Staleness(Optional<MarketData> marketData, int maxStaleSessions, Optional<Clock> today) {
        this.marketData = marketData;
        this.maxStaleSessions = maxStaleSessions;
        this.today = today;
    }

    /**
     * @param maxStaleSessions the most sessions a ticker may be behind and still be decided
     * @param today            the clock the data set is compared with; empty for data that is historical by design
     *                         (the shipped sample), which is never behind
     */
    public static Staleness limitedTo(MarketData marketData, int maxStaleSessions, Optional<Clock> today) {
        return new Staleness(Optional.of(marketData), maxStaleSessions, today);
    }

    /** Every ticker counts as current (the trade date's own checks still apply). */
    public static Staleness unchecked() {
        return new Staleness(Optional.empty(), 0, Optional.empty());
    }

    /**
     * The {@code meta.degraded} entry of a decision for the data set's newest session when the exchange has
     * completed later ones; empty otherwise.
     */
    private Optional<String> calendarLag(MarketData data, LocalDate tradeDate) {
        List<LocalDate> sessions = data.calendar().sessions();
        if (today.isEmpty() || sessions.isEmpty() || !tradeDate.equals(sessions.get(sessions.size() - 1))) {
            return Optional.empty();
        }
        LocalDate expected = MarketDataSync.lastCompletedSession(today.get());
        int behind = ExchangeCalendar.sessionsAfter(tradeDate, expected);
        return behind == 0 ? Optional.empty() : Optional.of("market data set " + behind + " session(s) behind the last"
                + " completed session " + expected + ": its newest session is " + tradeDate + " (run bin/quorum data sync)");
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
        Optional<String> calendarLag = calendarLag(data, tradeDate);
        List<PriceBar> bars = data.dailyBars(ticker);
        int upTo = PriceBar.firstAfter(bars, tradeDate);
        LocalDate last = upTo == 0 ? null : bars.get(upTo - 1).date();
        if (last == null || last.equals(tradeDate)) {
            return new Verdict(tradeDate, 0, calendarLag);
        }
        LocalDate lastBar = last;
        int behind = (int) sessions.stream().filter(s -> s.isAfter(lastBar) && !s.isAfter(tradeDate)).count();
        if (behind > maxStaleSessions) {
            throw new MarketDataException(ticker + ": last bar " + lastBar + " is " + behind + " session(s) behind the trade date "
                    + tradeDate + ", more than market.sync.max_stale_sessions = " + maxStaleSessions
                    + ": not decided (run bin/quorum data sync)");
        }
        return new Verdict(behind == 0 ? tradeDate : lastBar, behind, calendarLag);
    }
}
