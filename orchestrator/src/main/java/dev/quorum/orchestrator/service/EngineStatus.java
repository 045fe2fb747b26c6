package dev.quorum.orchestrator.service;

import dev.quorum.orchestrator.cycle.CycleReport;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code GET /api/status} shows.
 *
 * @param scheduled     whether the schedule is on
 * @param schedule      the schedule in words, e.g. {@code daily at 17:15 America/New_York}
 * @param cycleRunning  whether a cycle is running now
 * @param nextRun       when the schedule runs the next cycle, when it is on
 * @param lastCycle     the last finished cycle
 * @param outboxPending envelopes waiting to be published
 * @param watchlist     the tickers of each cycle
 */
public record EngineStatus(boolean scheduled, String schedule, boolean cycleRunning, Optional<Instant> nextRun,
                           Optional<CycleReport> lastCycle, long outboxPending, List<String> watchlist) {
}
