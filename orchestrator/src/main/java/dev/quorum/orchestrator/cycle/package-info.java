/**
 * The decision cycle per ticker: features, recall, agents in parallel, consensus, synthesis, guard, review,
 * envelope, store (decision and outbox in one transaction); then the outbox publisher drains to Redis.
 * {@link dev.quorum.orchestrator.cycle.DecisionCycle} runs it; {@link dev.quorum.orchestrator.cycle.CycleParts} is
 * what it is built from, in groups: inputs, panel, recall, what was learnt, judgement (consensus to review), store,
 * limits.
 */
package dev.quorum.orchestrator.cycle;
