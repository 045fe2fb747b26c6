package dev.quorum.agents.rules;

import dev.quorum.agents.Agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The rules roster: every rules agent by name, and the default panel in roster order. */
public final class RulesPanel {

    private static final Map<String, Supplier<Agent>> AGENTS = Map.of(
            TechnicalRules.NAME, TechnicalRules::new,
            RiskRules.NAME, RiskRules::new,
            SentimentRules.NAME, SentimentRules::new,
            MacroRules.NAME, MacroRules::new);

    /** The default roster order. */
    public static final List<String> DEFAULT_ROSTER = List.of(TechnicalRules.NAME, RiskRules.NAME, SentimentRules.NAME, MacroRules.NAME);

    private RulesPanel() {
    }

    /** technical, risk, sentiment, macro. */
    public static List<Agent> defaultAgents() {
        return agents(DEFAULT_ROSTER);
    }

    /**
     * The rules agents with these names, in this order.
     *
     * @throws IllegalArgumentException for a name that has no rules agent (the message lists the known names)
     */
    public static List<Agent> agents(List<String> names) {
        List<Agent> agents = new ArrayList<>();
        for (String name : names) {
            Supplier<Agent> agent = AGENTS.get(name);
            if (agent == null) {
                throw new IllegalArgumentException("no rules agent named '" + name + "' (known: " + String.join(", ", DEFAULT_ROSTER) + ")");
            }
            agents.add(agent.get());
        }
        return List.copyOf(agents);
    }
}
