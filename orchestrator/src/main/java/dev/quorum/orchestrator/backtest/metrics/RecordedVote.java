package dev.quorum.orchestrator.backtest.metrics;

import dev.quorum.envelope.Direction;

/** One agent's stored vote on a decision, with the trust weight it carried then. */
public record RecordedVote(String agent, Direction signal, double confidence, double trustWeight) {
}
