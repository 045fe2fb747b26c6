package dev.quorum.orchestrator.backtest.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * A per-session return series under {@link StrategyRules}' tranche construction: for each trade date, (1/H) x the
 * mean of a per-decision P&L. The same construction prices the strategy and its buy-and-hold benchmarks, so their
 * curves compare like with like.
 */
public record SessionReturns(List<LocalDate> sessions, double[] returns) {

    public static SessionReturns of(List<ResolvedDecision> decisions, List<LocalDate> sessions, int horizon,
                                    ToDoubleFunction<ResolvedDecision> pnl) {
        Map<LocalDate, double[]> sums = new TreeMap<>();
        for (ResolvedDecision d : decisions) {
            double[] sum = sums.computeIfAbsent(d.tradeDate(), k -> new double[2]);
            sum[0] += pnl.applyAsDouble(d);
            sum[1] += 1;
        }
        double[] returns = new double[sessions.size()];
        for (int i = 0; i < sessions.size(); i++) {
            double[] sum = sums.get(sessions.get(i));
            returns[i] = sum == null ? 0.0 : sum[0] / sum[1] / horizon;
        }
        return new SessionReturns(List.copyOf(sessions), returns);
    }

    /** Every trade date of the decisions, ascending. */
    public static List<LocalDate> sessionsOf(List<ResolvedDecision> decisions) {
        return new ArrayList<>(new java.util.TreeSet<>(decisions.stream().map(ResolvedDecision::tradeDate).toList()));
    }

    /** Equity after each session, starting from 1. */
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
}
