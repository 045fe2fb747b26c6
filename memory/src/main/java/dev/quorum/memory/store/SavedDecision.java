package dev.quorum.memory.store;

import java.util.Optional;

/**
 * What a save committed.
 *
 * @param decisionId  the row id in {@code decisions}
 * @param outboxId    the row id of the envelope waiting in the outbox
 * @param superseded  the correlation id of the decision this one replaced, on a re-decide
 */
public record SavedDecision(long decisionId, long outboxId, Optional<String> superseded) {
}
