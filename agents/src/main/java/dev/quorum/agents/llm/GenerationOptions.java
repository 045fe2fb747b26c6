package dev.quorum.agents.llm;

/**
 * Ollama sampling options sent with every call (in the request's {@code options}). {@code null} leaves the
 * model's default.
 *
 * @param temperature low by default: a vote should depend on the inputs, not on sampling luck
 * @param seed        fixed for reproducible replays of a decision
 * @param numCtx      context window in tokens; the prompts with features and news fit in 4096
 */
public record GenerationOptions(Double temperature, Integer seed, Integer numCtx) {

    public static final GenerationOptions DEFAULT = new GenerationOptions(0.1, 42, 4096);

    public GenerationOptions {
        if (temperature != null && !(temperature >= 0.0 && temperature <= 2.0)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
        }
        if (numCtx != null && numCtx < 256) {
            throw new IllegalArgumentException("numCtx must be at least 256 tokens, was " + numCtx);
        }
    }
}
