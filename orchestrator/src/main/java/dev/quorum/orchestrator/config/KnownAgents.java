package dev.quorum.orchestrator.config;

import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The agents an option naming one ({@code weights --history}, {@code errors --agent}, {@code prompts}) accepts: the configured
 * panel's and every agent the database holds a record of (one since removed from the panel keeps its history). A
 * misspelt name would otherwise print "nothing recorded", as if the agent had a clean record.
 */
public final class KnownAgents {

    private KnownAgents() {
    }

    /** @throws IllegalArgumentException naming {@code agent} and the known ones, when it is none of them */
    public static void check(String agent, QuorumConfig config, Collection<String> recorded) {
        SortedSet<String> known = new TreeSet<>(recorded);
        config.agents().stream().map(AgentConfig::name).forEach(known::add);
        if (!known.contains(agent)) {
            throw new IllegalArgumentException("unknown agent '" + agent + "'; known agents: " + String.join(", ", known));
        }
    }
}
