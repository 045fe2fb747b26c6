package dev.quorum.orchestrator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Seed 001's agent names in a feedback payload ({@code agent_votes: {"TechnicalAgent": {...}}}) read as Quorum's
 * ({@code technical}) through the configured alias table, so the seed's callers need not be changed. A name with no
 * alias is kept as written (the recorder refuses it if it did not vote).
 */
public record SeedAgentAliases(Map<String, String> aliases) {

    public SeedAgentAliases {
        aliases = Map.copyOf(Objects.requireNonNull(aliases, "aliases"));
    }

    /**
     * The payload with {@code agent_votes} renamed; anything else untouched.
     *
     * @throws ApiException 400 when two names map to the same agent
     */
    public JsonNode apply(JsonNode payload) {
        JsonNode votes = payload.get("agent_votes");
        if (aliases.isEmpty() || votes == null || !votes.isObject()) {
            return payload;
        }
        ObjectNode renamed = ((ObjectNode) payload).objectNode();
        Iterator<Map.Entry<String, JsonNode>> entries = votes.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> vote = entries.next();
            String agent = aliases.getOrDefault(vote.getKey(), vote.getKey());
            if (renamed.has(agent)) {
                throw ApiException.badRequest("agent_votes names agent '" + agent + "' twice (once through the alias '"
                        + vote.getKey() + "' of seed_api.agent_aliases)");
            }
            renamed.set(agent, vote.getValue());
        }
        ObjectNode copy = ((ObjectNode) payload).deepCopy();
        copy.set("agent_votes", renamed);
        return copy;
    }
}
