/**
 * Pure calculators over resolved decisions: hit rates with Wilson intervals, the stated trading strategy's returns
 * (Sharpe, Sortino, drawdown, turnover) against buy-and-hold, calibration and Brier score, and the ablation that
 * re-fuses the stored votes under other weightings. No I/O: everything is computed from the values passed in.
 */
package dev.quorum.orchestrator.backtest.metrics;
