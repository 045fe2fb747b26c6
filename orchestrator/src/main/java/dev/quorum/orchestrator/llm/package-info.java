/**
 * The bridge from the configuration ({@code ollama}, {@code resilience}, {@code budget}) to the agents module's
 * model chain: {@link dev.quorum.orchestrator.llm.ModelChains} is the one place that maps configuration records
 * to {@link dev.quorum.agents.llm.ModelChainConfig}, used by the decision cycle and by {@code bin/quorum agents};
 * {@link dev.quorum.orchestrator.llm.EndpointMetrics} publishes each endpoint's load and circuits as gauges.
 */
package dev.quorum.orchestrator.llm;
