package dev.quorum.agents.prompts;

/**
 * A prompt ready to send.
 *
 * @param promptId   {@code id@version}
 * @param promptHash SHA-256 of the template file the prompt came from
 */
public record RenderedPrompt(String system, String user, String promptId, String promptHash) {
}
