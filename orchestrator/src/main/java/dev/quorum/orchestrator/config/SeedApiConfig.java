package dev.quorum.orchestrator.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drop-in compatibility with seed 001's callers.
 *
 * @param agentAliases seed agent name to Quorum agent name, e.g. {@code TechnicalAgent: technical}: a feedback
 *                     payload's {@code agent_votes} naming agents the seed's way is read through it (a name with no
 *                     alias stays as written); every target must be on the panel
 */
public record SeedApiConfig(Map<String, String> agentAliases) {

    public SeedApiConfig {
        agentAliases = agentAliases == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(agentAliases));
        agentAliases.forEach((alias, agent) -> {
            ConfigCheck.text("agent_aliases", alias);
            ConfigCheck.text("agent_aliases." + alias, agent);
        });
    }
}
