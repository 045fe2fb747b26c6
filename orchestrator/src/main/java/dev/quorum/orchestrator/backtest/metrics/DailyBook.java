package dev.quorum.orchestrator.backtest.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A book marked to market at every session's close. Positions are weights (fractions of the book's equity, long
 * positive, short negative) set at each session's open and held to its close; the weights held overnight are the
 * previous session's. A session's return is
 * {@code (1 + sum w[t-1] x overnight) x (1 - cost x sum |w[t] - w[t-1]|) x (1 + sum w[t] x intraday) - 1}: trades
 * happen only at opens (a benchmark's first purchase aside), so the cost (per side, a fraction) is charged on the net
 * change of each ticker's weight.
 * Weights are restored at every close (the drift this rebalancing would trade is not charged). Cash earns nothing.
 * A buy-and-hold benchmark ({@link #held}) never trades at an open: its return is the plain close-to-close one.
 *
 * @param returns  each session's return after costs
 * @param exposure each session's gross exposure, sum |w[t]| (1 is fully invested)
 * @param traded   each session's one-sided traded fraction of equity at the open, sum |w[t] - w[t-1]|
 */
public record DailyBook(List<LocalDate> sessions, double[] returns, double[] exposure, double[] traded) {

    public DailyBook {
        sessions = List.copyOf(sessions);
    }

    /**
     * A book that trades at the opens: the strategy's.
     *
     * @param from    the first session of the book (index in the price calendar); nothing is held before it, the
     *                first weights are bought at its open
     * @param weights each ticker's weight on sessions from..to, index 0 being {@code from}
     * @param cost    cost per side as a fraction of the traded notional (5 bps is 0.0005)
     */
    public static DailyBook of(DailyPrices prices, int from, int to, Map<String, double[]> weights, double cost) {
        int n = to - from + 1;
        double[] returns = new double[n];
        double[] exposure = new double[n];
        double[] traded = new double[n];
        for (int k = 0; k < n; k++) {
            int t = from + k;
            double overnight = 0.0;
            double intraday = 0.0;
            for (Map.Entry<String, double[]> entry : weights.entrySet()) {
                double[] w = entry.getValue();
                double before = k > 0 ? w[k - 1] : 0.0;
                overnight += before * prices.overnight(entry.getKey(), t);
                intraday += w[k] * prices.intraday(entry.getKey(), t);
                exposure[k] += Math.abs(w[k]);
                traded[k] += Math.abs(w[k] - before);
            }
            returns[k] = (1.0 + overnight) * (1.0 - cost * traded[k]) * (1.0 + intraday) - 1.0;
        }
        return new DailyBook(prices.sessions().subList(from, to + 1), returns, exposure, traded);
    }

    /**
     * A buy-and-hold book: constant weights bought at the close before {@code from} (their cost booked in the first
     * session) and restored at every close, never traded at an open. Each session's return is the weighted sum of the
     * tickers' plain close-to-close returns (dividends included), as anyone recomputes a daily-rebalanced benchmark
     * from the closes. Weighting the overnight gap and the open-to-close move apart, as {@link #of} does for a book
     * that trades at the open, would rebalance it at every open too: 0.2 points of total return apart over two years
     * on five tickers.
     */
    public static DailyBook held(DailyPrices prices, int from, int to, Map<String, Double> weights, double cost) {
        int n = to - from + 1;
        double[] returns = new double[n];
        double[] exposure = new double[n];
        double[] traded = new double[n];
        double gross = weights.values().stream().mapToDouble(Math::abs).sum();
        for (int k = 0; k < n; k++) {
            int t = from + k;
            double closeToClose = 0.0;
            for (Map.Entry<String, Double> entry : weights.entrySet()) {
                closeToClose += entry.getValue() * ((1.0 + prices.overnight(entry.getKey(), t))
                        * (1.0 + prices.intraday(entry.getKey(), t)) - 1.0);
            }
            exposure[k] = gross;
            traded[k] = k == 0 ? gross : 0.0;
            returns[k] = (1.0 - cost * traded[k]) * (1.0 + closeToClose) - 1.0;
        }
        return new DailyBook(prices.sessions().subList(from, to + 1), returns, exposure, traded);
    }

    /** Equity after each session's close, starting from 1. */
    public double[] equity() {
        double[] equity = new double[returns.length];
        double e = 1.0;
        for (int i = 0; i < returns.length; i++) {
            e *= 1.0 + returns[i];
            equity[i] = e;
        }
        return equity;
    }

    /** Drawdown from the running peak after each session (<= 0). */
    public double[] drawdown() {
        double[] equity = equity();
        double[] drawdown = new double[equity.length];
        double peak = 1.0;
        for (int i = 0; i < equity.length; i++) {
            peak = Math.max(peak, equity[i]);
            drawdown[i] = equity[i] / peak - 1.0;
        }
        return drawdown;
    }

    public ReturnStats stats() {
        return ReturnStats.of(returns);
    }

    /** Mean gross exposure over the sessions. */
    public double meanExposure() {
        return mean(exposure);
    }

    /** One-sided traded fraction of equity per year: the mean session's times {@link ReturnStats#SESSIONS_PER_YEAR}. */
    public double annualTurnover() {
        return mean(traded) * ReturnStats.SESSIONS_PER_YEAR;
    }

    private static double mean(double[] values) {
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0.0 : sum / values.length;
    }
}
