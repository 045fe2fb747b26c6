package dev.quorum.orchestrator.publish;

import dev.quorum.memory.store.OutboxEntry;

import java.util.List;

/**
 * A sink that publishes several envelopes in one round trip (Redis: one MULTI/EXEC), so draining a backlog is not
 * bound by one network round trip per envelope. The outbox publisher hands it the pending entries in order.
 */
public interface BatchSink extends EnvelopeSink {

    /**
     * Publishes the entries in order.
     *
     * @return where each went, in the same order
     * @throws RuntimeException when they could not all be published; none is marked published then, and a retry
     *                          publishes any already written again with the same correlation id (at least once)
     */
    List<String> publishAll(List<OutboxEntry> entries);
}
