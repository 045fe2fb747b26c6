/**
 * LLM agents on Ollama behind resilience4j.
 *
 * <p>{@link dev.quorum.agents.llm.ModelChainClient} asks an ordered chain of
 * {@linkplain dev.quorum.agents.llm.ModelTier model tiers} (a model and the endpoints serving it) for one JSON
 * object described by a {@link dev.quorum.agents.llm.StructuredOutput} (a JSON schema plus a strict parser), and
 * returns the typed value with its {@link dev.quorum.agents.llm.CallTelemetry} or the categorised failure. Within a
 * tier each call goes to the least busy healthy endpoint ({@link dev.quorum.agents.llm.EndpointLoad}). Each
 * (endpoint, model) {@linkplain dev.quorum.agents.llm.ModelTarget target} is guarded by a Retry (retriable
 * failures only) around a CircuitBreaker, a bulkhead per endpoint and a call time limit;
 * a model that is not pulled (404) is skipped for a while. {@link dev.quorum.agents.llm.LlmAgent} is the
 * specialist agent built on it; the orchestrator's synthesis reuses the client with its own output.
 */
package dev.quorum.agents.llm;
