package dev.quorum.memory.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One envelope waiting to be published.
 *
 * @param id        insertion order: publish in ascending id
 * @param attempts  failed publish attempts so far
 * @param lastError the last failure, if any
 */
public record OutboxEntry(long id, String correlationId, String stream, String envelopeJson, Instant createdAt,
                          int attempts, Optional<String> lastError) {
}
