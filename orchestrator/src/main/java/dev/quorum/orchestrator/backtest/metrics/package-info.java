/**
 * Pure calculators over resolved decisions and daily prices: the position model ({@link
 * dev.quorum.orchestrator.backtest.metrics.StrategyRules}) marked to market every session ({@link
 * dev.quorum.orchestrator.backtest.metrics.DailyBook}) with its risk figures and buy-and-hold benchmarks,
 * directional accuracy on the sign with its base rates, calibration against the base-rate Brier score, the ablation
 * that re-fuses the stored votes under other weightings and checks, and the block bootstrap that says whether a
 * difference is more than noise. No I/O: everything is computed from the values passed in.
 */
package dev.quorum.orchestrator.backtest.metrics;
