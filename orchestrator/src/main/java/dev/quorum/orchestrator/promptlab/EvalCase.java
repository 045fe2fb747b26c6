package dev.quorum.orchestrator.promptlab;

import dev.quorum.agents.AgentInput;

import java.time.LocalDate;

/**
 * One stored decision's input for an agent, with how the market turned out.
 *
 * @param realizedReturn the outcome's return, or null while the decision is unresolved (it then counts for validity,
 *                       agreement, latency and tokens, not for hit rate or calibration)
 */
public record EvalCase(String correlationId, LocalDate tradeDate, AgentInput input, Double realizedReturn) {
}
