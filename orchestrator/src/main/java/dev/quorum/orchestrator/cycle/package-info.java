/**
 * The decision cycle per ticker: features, recall, agents in parallel, consensus, synthesis, guard, review,
 * envelope, store (decision and outbox in one transaction); then the outbox publisher drains to Redis.
 */
package dev.quorum.orchestrator.cycle;
