package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drop-in compatibility with seed 001's callers and its meta-learner layout.
 *
 * @param agentAliases       seed agent name to Quorum agent name, e.g. {@code TechnicalAgent: technical}: a feedback
 *                           payload's {@code agent_votes} naming agents the seed's way is read through it (a name with
 *                           no alias stays as written); every target must be on the panel
 * @param metalearnerLayout  the meta-learner's input: {@code roster} (the default: vote, confidence, weight per panel
 *                           agent) or {@code seed-27} (seed 001's 27 features: the same three for up to 9 agents,
 *                           zero-padded; a panel of more than 9 is refused)
 */
public record SeedApiConfig(Map<String, String> agentAliases, MetalearnerLayout metalearnerLayout) {

    /** {@code dev.quorum.memory.metalearner.AgentRoster}'s two layouts. */
    public enum MetalearnerLayout {
        @JsonProperty("roster") ROSTER,
        @JsonProperty("seed-27") SEED_27
    }

    public SeedApiConfig {
        ConfigCheck.present("metalearner_layout", metalearnerLayout);
        agentAliases = agentAliases == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(agentAliases));
        agentAliases.forEach((alias, agent) -> {
            ConfigCheck.text("agent_aliases", alias);
            ConfigCheck.text("agent_aliases." + alias, agent);
        });
    }
}
