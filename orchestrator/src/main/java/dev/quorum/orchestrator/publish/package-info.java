/**
 * Draining the outbox: {@link dev.quorum.orchestrator.publish.OutboxPublisher} publishes committed envelopes in
 * order to an {@link dev.quorum.orchestrator.publish.EnvelopeSink} (Redis, or a JSON-lines file for the demo) and
 * marks each one (Redis: in batches, each marked while the next goes out). Delivery is at least once: a crash
 * between publishing and marking, or a power cut taking back the last marks (they are not synced), publishes the
 * same correlation ids again, in order, and consumers dedupe on them.
 */
package dev.quorum.orchestrator.publish;
