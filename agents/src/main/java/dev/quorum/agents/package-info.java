/**
 * The specialist agents. {@link dev.quorum.agents.Agent} is the one interface every specialist implements
 * (LLM-backed or rules); {@link dev.quorum.agents.AgentInput} is what it sees, and
 * {@link dev.quorum.agents.PreparedAssessment} its assessment made ready ahead of asking; the sub-packages hold market
 * data ({@code market}), features ({@code features}), signals ({@code signal}), prompts ({@code prompts}),
 * the Ollama models behind resilience4j ({@code llm}) and the deterministic rules baseline ({@code rules}).
 */
package dev.quorum.agents;
