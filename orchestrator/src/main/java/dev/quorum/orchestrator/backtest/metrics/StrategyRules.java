package dev.quorum.orchestrator.backtest.metrics;

import dev.quorum.envelope.Verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The position model the metrics trade: overlapping tranches, marked to market daily by {@link DailyBook}.
 * <ul>
 * <li>Each of the N tickers decided gets a slice of 1/N of the book. A decision on trade date D holds 1/H of its
 * ticker's slice (1/(N x H) of the book) for H sessions: BUY long, SELL short, HOLD flat (cash).</li>
 * <li>The tranche is bought at the open of the first session after D (as the outcome window starts) and sold at the
 * open of session H + 1 after D, so the tranches entering and leaving a ticker trade at the same open and only their
 * net difference is traded (and pays costs). It is exposed to H intraday moves and H overnight gaps: the outcome
 * window (open of D+1 to close of D+H) plus the gap to the next open.</li>
 * <li>A ticker's weight on a session is the sum of its live tranches: with a decision every session, H tranches
 * overlap and the book is fully allocated whenever every verdict acts.</li>
 * <li>Costs: {@code costBps + slippageBps} per side, on each session's net weight changes at the open.</li>
 * </ul>
 * The book runs from the first session after the first trade date to the open H + 1 sessions after the last one (or
 * the last session with prices, whichever is first). Buy-and-hold benchmarks run on the same sessions with
 * constant weights (restored at each close), bought at the close of the first trade date, when the backtest starts
 * deciding (paying the cost once), and never sold: their daily returns are the plain close-to-close returns.
 */
public record StrategyRules(int horizonSessions, double costBps, double slippageBps) {

    public StrategyRules {
        if (horizonSessions < 1) {
            throw new IllegalArgumentException("horizon must be at least 1 session, was " + horizonSessions);
        }
        if (!(costBps >= 0.0 && costBps < 10_000.0)) {
            throw new IllegalArgumentException("--cost-bps must be in [0, 10000), was " + costBps);
        }
        if (!(slippageBps >= 0.0 && slippageBps < 10_000.0)) {
            throw new IllegalArgumentException("--slippage-bps must be in [0, 10000), was " + slippageBps);
        }
    }

    public static int position(Verdict verdict) {
        return switch (verdict) {
            case BUY -> 1;
            case SELL -> -1;
            case HOLD -> 0;
        };
    }

    /** Cost and slippage per side as a fraction of the traded notional. */
    public double costPerSide() {
        return (costBps + slippageBps) / 10_000.0;
    }

    /** The first and last session (indices in the price calendar) a book of these decisions runs, or null when none. */
    public int[] window(DailyPrices prices, List<ResolvedDecision> decisions) {
        if (decisions.isEmpty()) {
            return null;
        }
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (ResolvedDecision d : decisions) {
            int t = prices.indexOf(d.tradeDate());
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
        int from = first + 1;
        int to = Math.min(last + horizonSessions + 1, prices.sessions().size() - 1);
        return from > to ? null : new int[]{from, to};
    }

    /**
     * @param verdicts the verdict traded for each decision, in the decisions' order
     * @param window   from {@link #window}
     */
    public DailyBook trade(List<ResolvedDecision> decisions, List<Verdict> verdicts, DailyPrices prices, int[] window) {
        List<String> tickers = decisions.stream().map(ResolvedDecision::ticker).distinct().sorted().toList();
        int n = window[1] - window[0] + 1;
        double tranche = 1.0 / tickers.size() / horizonSessions;
        Map<String, double[]> weights = new LinkedHashMap<>();
        tickers.forEach(t -> weights.put(t, new double[n]));
        for (int i = 0; i < decisions.size(); i++) {
            int position = position(verdicts.get(i));
            if (position == 0) {
                continue;
            }
            ResolvedDecision d = decisions.get(i);
            double[] w = weights.get(d.ticker());
            int entry = prices.indexOf(d.tradeDate()) + 1;
            for (int t = Math.max(entry, window[0]); t < entry + horizonSessions && t <= window[1]; t++) {
                w[t - window[0]] += position * tranche;
            }
        }
        return DailyBook.of(prices, window[0], window[1], weights, costPerSide());
    }

    /** Constant weights held over the window, bought at the close before it (weights summing to 1 are fully invested). */
    public DailyBook hold(Map<String, Double> weights, DailyPrices prices, int[] window) {
        return DailyBook.held(prices, window[0], window[1], weights, costPerSide());
    }
}
