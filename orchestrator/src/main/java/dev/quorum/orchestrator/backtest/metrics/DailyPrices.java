package dev.quorum.orchestrator.backtest.metrics;

import dev.quorum.agents.market.PriceBar;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each ticker's return on each session of one calendar, split at the open: overnight (the previous close to this
 * open) and intraday (this open to this close), dividends included. Overnight is
 * {@code open x (adjClose / close) / previous adjClose - 1} and intraday {@code close / open - 1}, so the two compound
 * to the close-to-close return of the dividend-adjusted closes, and a position from an open to a later close earns
 * exactly the outcome resolver's return. A session without a bar (or without the previous session's bar, for the
 * overnight part) counts as an unchanged price.
 */
public final class DailyPrices {

    private final List<LocalDate> sessions;
    private final Map<LocalDate, Integer> index = new HashMap<>();
    private final Map<String, double[]> overnight = new HashMap<>();
    private final Map<String, double[]> intraday = new HashMap<>();

    /**
     * @param sessions the trading calendar, ascending
     * @param bars     each ticker's daily bars (any order of tickers; bars on dates outside the calendar are ignored)
     */
    public DailyPrices(List<LocalDate> sessions, Map<String, List<PriceBar>> bars) {
        this.sessions = List.copyOf(sessions);
        for (int t = 0; t < this.sessions.size(); t++) {
            if (t > 0 && !this.sessions.get(t).isAfter(this.sessions.get(t - 1))) {
                throw new IllegalArgumentException("sessions are not ascending at " + this.sessions.get(t));
            }
            index.put(this.sessions.get(t), t);
        }
        bars.forEach((ticker, list) -> {
            PriceBar[] byIndex = new PriceBar[this.sessions.size()];
            for (PriceBar bar : list) {
                Integer t = index.get(bar.date());
                if (t != null) {
                    byIndex[t] = bar;
                }
            }
            double[] on = new double[byIndex.length];
            double[] in = new double[byIndex.length];
            for (int t = 0; t < byIndex.length; t++) {
                PriceBar bar = byIndex[t];
                if (bar == null) {
                    continue;
                }
                in[t] = bar.close() / bar.open() - 1.0;
                PriceBar before = t > 0 ? byIndex[t - 1] : null;
                on[t] = before == null ? 0.0 : bar.open() * (bar.adjClose() / bar.close()) / before.adjClose() - 1.0;
            }
            overnight.put(ticker, on);
            intraday.put(ticker, in);
        });
    }

    public List<LocalDate> sessions() {
        return sessions;
    }

    public boolean has(String ticker) {
        return intraday.containsKey(ticker);
    }

    /** @throws IllegalArgumentException when {@code date} is not a session of the calendar */
    public int indexOf(LocalDate date) {
        Integer t = index.get(date);
        if (t == null) {
            throw new IllegalArgumentException(date + " is not a trading session of the price calendar");
        }
        return t;
    }

    /** The previous close to session {@code t}'s open. */
    public double overnight(String ticker, int t) {
        return series(overnight, ticker)[t];
    }

    /** Session {@code t}'s open to its close. */
    public double intraday(String ticker, int t) {
        return series(intraday, ticker)[t];
    }

    private static double[] series(Map<String, double[]> returns, String ticker) {
        double[] r = returns.get(ticker);
        if (r == null) {
            throw new IllegalArgumentException("no prices for " + ticker);
        }
        return r;
    }
}
