package dev.quorum.orchestrator.backtest.report;

import dev.quorum.orchestrator.backtest.replay.CacheStats;

import java.time.LocalDate;
import java.util.List;

/**
 * What was replayed, for the report's header.
 *
 * @param decisionsPerSecond the walk-forward's speed in this invocation (null when it decided nothing new: resumed)
 * @param llmCache           LLM reply cache lookups in this invocation: hits, calls made (misses), tokens spent and saved
 */
public record RunInfo(List<String> tickers, LocalDate from, LocalDate to, String backend, String policy,
                      long decisions, long resolved, Double decisionsPerSecond, CacheStats llmCache) {

    public RunInfo {
        tickers = List.copyOf(tickers);
    }
}
