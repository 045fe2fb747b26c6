package dev.quorum.orchestrator.publish;

import dev.quorum.memory.store.OutboxEntry;

import java.util.List;

/**
 * A sink that publishes several envelopes in one round trip (Redis: one MULTI/EXEC), so draining a backlog is not
 * bound by one network round trip per envelope. The outbox publisher hands it the pending entries in order, in two
 * steps: {@link #prepare} on the thread that read them from the outbox, while the batch before is still out, then
 * {@link Batch#publish} on the draining thread.
 */
public interface BatchSink extends EnvelopeSink {

    /**
     * Readies entries to be published: the work that needs no round trip (reading each envelope's decision-hash fields
     * from its JSON).
     *
     * @throws RuntimeException naming the entry that cannot be published (its stored JSON lacks a hash field)
     */
    Batch prepare(List<OutboxEntry> entries);

    /** Entries readied by {@link #prepare}. */
    interface Batch {

        /**
         * Publishes the entries in order.
         *
         * @return where each went, in the same order
         * @throws RuntimeException when they could not all be published; none is marked published then, and a retry
         *                          publishes any already written again with the same correlation id (at least once)
         */
        List<String> publish();
    }
}
