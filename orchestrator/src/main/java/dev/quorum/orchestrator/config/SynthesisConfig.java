package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The step that turns the fused votes into BUY/HOLD/SELL.
 *
 * @param backend      {@code ollama}: the LLM synthesis agent (prompt {@code synthesis}), with the rule synthesis
 *                     when it fails; {@code rules}: the rule synthesis only
 * @param actThreshold the rule synthesis says BUY above {@code +act_threshold} and SELL below {@code -act_threshold}
 */
public record SynthesisConfig(Backend backend, Double actThreshold) {

    /** Who synthesises. */
    public enum Backend {
        @JsonProperty("ollama") OLLAMA,
        @JsonProperty("rules") RULES
    }

    public SynthesisConfig {
        ConfigCheck.present("backend", backend);
        ConfigCheck.between("act_threshold", actThreshold, 0.0, 1.0);
    }
}
