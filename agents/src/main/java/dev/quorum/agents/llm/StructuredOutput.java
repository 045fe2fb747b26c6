package dev.quorum.agents.llm;

import java.util.List;
import java.util.Map;

/**
 * What a structured call asks a model for: a JSON schema (sent as Ollama's {@code format}, which constrains
 * decoding) and a strict parser that turns the reply into a typed value. Decoding constraints are not a
 * guarantee (a model may be cut off, or ignore the format on an older Ollama), so the parser re-checks
 * everything and rejects, never repairs.
 *
 * @param <T> the validated value
 */
public interface StructuredOutput<T> {

    /** A short name for logs and fallback paths, e.g. {@code agent-signal}. */
    String name();

    /** The JSON schema (draft 2020-12 subset Ollama understands) as JSON text. */
    String jsonSchema();

    /**
     * Parses and validates one reply.
     *
     * @throws InvalidOutputException naming the field and the rule it broke
     */
    T parse(String content) throws InvalidOutputException;

    /**
     * The free-text fields of a validated value, by field name: the chain refuses a value whose free text repeats
     * the system prompt (see {@link PromptLeakGuard}). None by default.
     */
    default Map<String, List<String>> freeText(T value) {
        return Map.of();
    }
}
