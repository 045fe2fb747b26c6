package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.DailyValue;
import dev.quorum.agents.market.MacroObservation;
import dev.quorum.agents.market.MacroSeries;
import dev.quorum.agents.market.MarketData;
import dev.quorum.agents.market.MarketSnapshot;
import dev.quorum.agents.market.PriceBar;
import dev.quorum.orchestrator.health.CheckResult;
import dev.quorum.orchestrator.health.ReadinessCheck;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code market-data} line of {@code /health}: each series' last date and how stale it is. Down (not required:
 * Quorum still decides, degraded) when the calendar (SPY) is more than {@code max_stale_sessions} exchange sessions
 * ({@link ExchangeCalendar}) behind the last completed session, or a watchlist ticker more than that many sessions
 * behind SPY. Example detail: {@code SPY 2024-12-31, AAPL 2024-12-30 (1 session(s) behind); VIX 2024-12-31, 10y
 * known to 2024-11, CPI known to 2024-11; calendar 0 session(s) behind 2024-12-31}.
 */
public final class MarketDataFreshness implements ReadinessCheck {

    private final MarketData marketData;
    private final List<String> watchlist;
    private final int maxStaleSessions;
    private final Clock clock;
    private final Runnable refresh;

    /** @param maxStaleSessions {@code market.sync.max_stale_sessions} */
    public MarketDataFreshness(MarketData marketData, List<String> watchlist, int maxStaleSessions, Clock clock) {
        this(marketData, watchlist, maxStaleSessions, clock, () -> { });
    }

    /**
     * @param refresh run before each check: a long-running process's {@link LiveMarketData#refreshIfChanged}, so that
     *                an operator who synced stale data sees it fresh at once, not after the next cycle
     */
    public MarketDataFreshness(MarketData marketData, List<String> watchlist, int maxStaleSessions, Clock clock,
                               Runnable refresh) {
        this.refresh = refresh;
        this.marketData = marketData;
        this.watchlist = List.copyOf(watchlist);
        this.maxStaleSessions = maxStaleSessions;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "market-data";
    }

    @Override
    public boolean required() {
        return false;
    }

    @Override
    public CheckResult check() {
        long started = System.nanoTime();
        refresh.run();
        try {
            List<LocalDate> sessions = marketData.calendar().sessions();
            LocalDate lastSession = sessions.get(sessions.size() - 1);
            boolean up = true;
            List<String> series = new ArrayList<>();
            Set<String> tickers = new LinkedHashSet<>();
            tickers.add(CsvMarketData.DEFAULT_CALENDAR_TICKER);
            tickers.addAll(watchlist);
            for (String ticker : tickers) {
                if (!marketData.tickers().contains(ticker)) {
                    series.add(ticker + " missing");
                    up = false;
                    continue;
                }
                List<PriceBar> bars = marketData.dailyBars(ticker);
                LocalDate last = bars.get(bars.size() - 1).date();
                long behind = sessions.stream().filter(s -> s.isAfter(last)).count();
                series.add(ticker + " " + last + (behind == 0 ? "" : " (" + behind + " session(s) behind)"));
                up &= behind <= maxStaleSessions;
            }
            MarketSnapshot snapshot = marketData.asOf(lastSession);
            List<DailyValue> vix = snapshot.vixCloses();
            List<String> macro = new ArrayList<>();
            macro.add("VIX " + (vix.isEmpty() ? "none" : vix.get(vix.size() - 1).date()));
            macro.add("10y known to " + lastMonth(snapshot.macro(MacroSeries.US10Y_YIELD)));
            List<DailyValue> dailyYields = snapshot.us10yDaily();
            if (!dailyYields.isEmpty()) {
                macro.add("10y daily known to " + dailyYields.get(dailyYields.size() - 1).date());
            }
            macro.add("CPI known to " + lastMonth(snapshot.macro(MacroSeries.CPI)));
            LocalDate expected = MarketDataSync.lastCompletedSession(clock);
            int calendarBehind = ExchangeCalendar.sessionsAfter(lastSession, expected);
            up &= calendarBehind <= maxStaleSessions;
            String detail = String.join(", ", series) + "; " + String.join(", ", macro) + "; calendar " + calendarBehind
                    + " session(s) behind " + expected;
            return new CheckResult(up, detail, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            return new CheckResult(false, "market data unreadable: " + e.getMessage(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static String lastMonth(List<MacroObservation> values) {
        return values.isEmpty() ? "none" : values.get(values.size() - 1).month().toString();
    }

}
