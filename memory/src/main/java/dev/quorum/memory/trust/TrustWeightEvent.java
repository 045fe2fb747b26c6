package dev.quorum.memory.trust;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * One change of one agent's weight.
 *
 * @param reason     e.g. {@code outcome of c-123: BULLISH 0.80, correct, return +2.10%} or {@code rollback to snapshot 7}
 * @param outcomeId  the outcome that caused it, for policy updates
 * @param snapshotId the snapshot restored, for rollbacks
 */
public record TrustWeightEvent(long id, String agent, double oldWeight, double newWeight, String policy, String reason,
                               OptionalLong outcomeId, OptionalLong snapshotId, Instant createdAt) {
}
