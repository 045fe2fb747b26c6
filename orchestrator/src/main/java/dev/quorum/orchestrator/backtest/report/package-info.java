/**
 * Backtest reports: the JSON figures and one self-contained HTML page (inline SVG drawn here, no script, no CDN)
 * with equity against benchmarks, drawdown, trust weights over time, calibration, per-agent accuracy and the
 * meta-learner's loss and predicted-vs-actual.
 */
package dev.quorum.orchestrator.backtest.report;
