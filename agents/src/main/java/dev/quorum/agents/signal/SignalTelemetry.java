package dev.quorum.agents.signal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an agent outcome was obtained. Travels with every signal and abstention so that a quant
 * can tell which model and which prompt version produced a vote, and what it cost.
 *
 * @param backend          what produced the outcome (a model, the rules, the rules after every model failed, ...)
 * @param model            the model that answered; empty when none did
 * @param endpoint         the Ollama base URL that answered; empty for rules or when none did
 * @param attempts         LLM calls made for this outcome, across all models
 * @param fallbackPath     every {@code endpoint|model} tried, in order, with what happened, e.g.
 *                         {@code http://127.0.0.1:11434|qwen2.5:7b -> 404}
 * @param latency          wall time from the first attempt to the outcome
 * @param promptTokens     Ollama's {@code prompt_eval_count}, summed over attempts
 * @param completionTokens Ollama's {@code eval_count}, summed over attempts
 * @param promptId         the prompt file's id and version, e.g. {@code technical@3}
 * @param promptHash       SHA-256 (hex) of the prompt template content that was used
 */
public record SignalTelemetry(SignalBackend backend, String model, String endpoint, int attempts,
                              List<String> fallbackPath, Duration latency, long promptTokens,
                              long completionTokens, String promptId, String promptHash) {

    public SignalTelemetry {
        Objects.requireNonNull(backend, "backend");
        model = model == null ? "" : model;
        endpoint = endpoint == null ? "" : endpoint;
        fallbackPath = List.copyOf(fallbackPath == null ? List.of() : fallbackPath);
        latency = latency == null ? Duration.ZERO : latency;
        promptId = promptId == null ? "" : promptId;
        promptHash = promptHash == null ? "" : promptHash;
    }
}
