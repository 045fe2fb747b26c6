package dev.quorum.orchestrator.backtest.report;

import java.time.LocalDate;
import java.util.List;

/**
 * What was replayed, for the report's header.
 *
 * @param decisionsPerSecond the walk-forward's speed in this invocation (null when it decided nothing new: resumed)
 */
public record RunInfo(List<String> tickers, LocalDate from, LocalDate to, String backend, String policy,
                      long decisions, long resolved, Double decisionsPerSecond) {

    public RunInfo {
        tickers = List.copyOf(tickers);
    }
}
