package dev.quorum.orchestrator.backtest.metrics;

import dev.quorum.envelope.Verdict;

/**
 * The stated strategy the metrics trade. Each session's decisions open a tranche worth 1/H of the capital, split
 * equally across the tickers decided that session: BUY goes long, SELL goes short, HOLD stays flat; entry at the next
 * session's open and exit at the close of the H-th session (exactly the decision's outcome window). H tranches
 * overlap, so the book is always fully allocated across its staggered tranches. A tranche's return is booked on its
 * decision date: the session return is (1/H) x the mean P&L of that session's decisions.
 *
 * @param costBps cost per side in basis points of the position; a long or short pays it on entry and on exit
 */
public record StrategyRules(int horizonSessions, double costBps) {

    public StrategyRules {
        if (horizonSessions < 1) {
            throw new IllegalArgumentException("horizon must be at least 1 session, was " + horizonSessions);
        }
        if (!(costBps >= 0.0 && costBps < 10_000.0)) {
            throw new IllegalArgumentException("cost must be in [0, 10000) bps, was " + costBps);
        }
    }

    public static int position(Verdict verdict) {
        return switch (verdict) {
            case BUY -> 1;
            case SELL -> -1;
            case HOLD -> 0;
        };
    }

    /** The P&L of following the verdict over the horizon, after the round-trip cost. */
    public double pnl(Verdict verdict, double realizedReturn) {
        int position = position(verdict);
        return position * realizedReturn - Math.abs(position) * 2.0 * costBps / 10_000.0;
    }
}
