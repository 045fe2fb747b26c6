package dev.quorum.memory.trust;

import java.time.Instant;
import java.util.Map;

/**
 * All weights at one moment.
 *
 * @param updateCount recorded outcomes so far when it was taken
 * @param reason      {@code every N updates}, {@code before rollback to snapshot 3}, ...
 */
public record TrustSnapshot(long id, Map<String, Double> weights, String policy, long updateCount, String reason,
                            Instant createdAt) {
}
