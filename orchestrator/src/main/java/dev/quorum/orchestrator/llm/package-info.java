/**
 * The bridge from the configuration ({@code ollama}, {@code resilience}, {@code budget}) to the agents module's
 * model chain: {@link dev.quorum.orchestrator.llm.ModelChains} is the one place that maps configuration records
 * to {@link dev.quorum.agents.llm.ModelChainConfig}, used by the decision cycle and by {@code bin/quorum agents}.
 */
package dev.quorum.orchestrator.llm;
