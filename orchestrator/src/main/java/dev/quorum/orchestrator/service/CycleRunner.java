package dev.quorum.orchestrator.service;

import dev.quorum.orchestrator.cycle.CycleReport;

import java.time.LocalDate;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What a scheduled cycle does with the watchlist for a trade date: decide it here ({@code DecisionCycle::run}), or
 * enqueue it for workers (the scheduler role).
 */
@FunctionalInterface
public interface CycleRunner {

    CycleReport run(List<String> tickers, LocalDate tradeDate, BooleanSupplier stop);
}
