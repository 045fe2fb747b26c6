package dev.quorum.orchestrator.backtest.metrics;

import java.util.List;

/**
 * The trades of a strategy (a BUY or SELL position over one outcome horizon, after costs).
 *
 * @param winRate      winning trades / trades (null without trades)
 * @param averageWin   mean P&L of the winning trades (null without one)
 * @param averageLoss  mean P&L of the losing trades, negative (null without one)
 * @param profitFactor gross wins / gross losses (null without a loss)
 * @param turnover     mean |position change| between a ticker's consecutive decisions (0 never trades, 2 flips
 *                     long/short every session)
 */
public record TradeStats(long trades, Double winRate, Double averageWin, Double averageLoss, Double profitFactor,
                         double turnover) {

    /** @param pnl the P&L of each trade (flat decisions excluded) */
    public static TradeStats of(List<Double> pnl, double turnover) {
        long wins = 0;
        long losses = 0;
        double grossWin = 0.0;
        double grossLoss = 0.0;
        for (double p : pnl) {
            if (p > 0) {
                wins++;
                grossWin += p;
            } else if (p < 0) {
                losses++;
                grossLoss += p;
            }
        }
        int n = pnl.size();
        return new TradeStats(n, n == 0 ? null : (double) wins / n, wins == 0 ? null : grossWin / wins,
                losses == 0 ? null : grossLoss / losses, losses == 0 ? null : grossWin / -grossLoss, turnover);
    }
}
