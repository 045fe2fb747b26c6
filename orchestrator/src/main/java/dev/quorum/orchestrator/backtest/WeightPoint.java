package dev.quorum.orchestrator.backtest;

import java.time.LocalDate;

/** An agent's trust weight after an outcome known at {@code knownAt} (the outcome's exit session). */
public record WeightPoint(String agent, LocalDate knownAt, double weight) {
}
