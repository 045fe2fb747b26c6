/**
 * Draining the outbox: {@link dev.quorum.orchestrator.publish.OutboxPublisher} publishes committed envelopes in
 * order to an {@link dev.quorum.orchestrator.publish.EnvelopeSink} (Redis, or a JSON-lines file for the demo) and
 * marks each one. Delivery is at least once: a crash between publishing and marking publishes the same
 * correlation id again, and consumers dedupe on it.
 */
package dev.quorum.orchestrator.publish;
