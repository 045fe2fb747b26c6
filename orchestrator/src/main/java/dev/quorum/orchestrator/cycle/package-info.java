/**
 * The decision cycle per ticker: features, recall, agents in parallel, consensus, synthesis, guard, review,
 * envelope, store (decision and outbox in one transaction); then the outbox publisher drains to Redis.
 * Work that does not feed a step runs beside it instead of before it: a ticker's features and recall are prepared
 * while the ticker before it waits on its models ({@link dev.quorum.orchestrator.cycle.InputsAhead}), and the trust
 * weights and skills are read while its own agents are out; the decisions are the same. Those reads run on other
 * threads, so a cycle must not be run from inside a database operation (the work given to {@code QuorumDatabase}'s
 * {@code read} or {@code inTransaction} holds a batch's lock, and they would wait for it).
 * {@link dev.quorum.orchestrator.cycle.DecisionCycle} runs it; {@link dev.quorum.orchestrator.cycle.CycleParts} is
 * what it is built from, in groups: inputs, panel, recall, what was learnt, judgement (consensus to review), store,
 * limits.
 */
package dev.quorum.orchestrator.cycle;
