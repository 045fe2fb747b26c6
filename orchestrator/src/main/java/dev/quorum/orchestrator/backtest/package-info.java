/**
 * Walk-forward backtests: the production decision cycle ({@code QuorumRuntime}'s {@code DecisionCycle}) driven
 * session by session over historical market data, outcomes resolved only once their exit session has closed, trust
 * weights and the meta-learner learning online as the service does; progress lives in the SQLite file, so a stopped
 * backtest resumes where it stopped; the settings that define the run are recorded beside it ({@code BacktestRun}), so
 * a resume with other settings, or a database whose decisions no backtest made, is refused. The {@code metrics} and
 * {@code report} subpackages turn the stored decisions into figures and a self-contained HTML report.
 */
package dev.quorum.orchestrator.backtest;
