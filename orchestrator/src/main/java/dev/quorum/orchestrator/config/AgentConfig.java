package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.regex.Pattern;

/**
 * One specialist of the panel.
 *
 * @param name     the agent's name on the wire ({@code agent_signals[].agent}); lowercase letters, digits, '-', '_'
 * @param domain   the agent's domain on the wire ({@code agent_signals[].domain})
 * @param prompt   the prompt id: the file {@code prompts/<prompt>.prompt} (or as the prompts directory names it)
 * @param backend  who answers: an Ollama model chain, the deterministic rules, or an external model through Redis
 * @param fallback what answers when every model failed: nobody (the agent abstains) or the rules, marked as such
 */
public record AgentConfig(String name, String domain, String prompt, Backend backend, Fallback fallback) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /** Who answers for an agent. */
    public enum Backend {
        @JsonProperty("ollama") OLLAMA,
        @JsonProperty("rules") RULES,
        /** An external model's latest call, read from {@code quantum:model:<name>:signal} (seed 003). */
        @JsonProperty("redis") REDIS
    }

    /** What answers when every model of the chain failed. */
    public enum Fallback {
        @JsonProperty("none") NONE,
        @JsonProperty("rules") RULES
    }

    public AgentConfig {
        if (!NAME.matcher(ConfigCheck.text("name", name)).matches()) {
            throw ConfigCheck.invalid("name", "must be lowercase letters, digits, '-' or '_' (at most 32), was '" + name + "'");
        }
        ConfigCheck.text("domain", domain);
        prompt = prompt == null || prompt.isBlank() ? name : prompt;
        ConfigCheck.present("backend", backend);
        fallback = fallback == null ? Fallback.NONE : fallback;
    }
}
