package dev.quorum.agents.llm;

import java.time.Duration;
import java.util.List;

/**
 * How one structured call went, across the whole chain.
 *
 * @param answeredBy       the target whose output was accepted; {@code null} when none was
 * @param attempts         HTTP calls made, over all targets
 * @param steps            every target tried, in order
 * @param latency          wall time of the whole call
 * @param promptTokens     Ollama's {@code prompt_eval_count}, summed over the calls that got a reply
 * @param completionTokens Ollama's {@code eval_count}, summed likewise
 */
public record CallTelemetry(ModelTarget answeredBy, int attempts, List<ChainStep> steps, Duration latency,
                            long promptTokens, long completionTokens) {

    public CallTelemetry {
        steps = List.copyOf(steps);
    }

    /** The model that answered; empty when none did. */
    public String model() {
        return answeredBy == null ? "" : answeredBy.model();
    }

    /** The endpoint that answered; empty when none did. */
    public String endpoint() {
        return answeredBy == null ? "" : answeredBy.endpoint().baseUrl();
    }

    /** The steps as text, for {@link dev.quorum.agents.signal.SignalTelemetry#fallbackPath()}. */
    public List<String> fallbackPath() {
        return steps.stream().map(ChainStep::toString).toList();
    }
}
