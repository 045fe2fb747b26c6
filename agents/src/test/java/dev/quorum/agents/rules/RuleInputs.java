package dev.quorum.agents.rules;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Crafted feature maps for rules tests. */
final class RuleInputs {

    private RuleInputs() {
    }

    /** A feature map from alternating key, value pairs. */
    static Map<String, Object> features(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static AgentOutcome assess(RulesAgent agent, Map<String, Object> features) {
        return agent.assess(new AgentInput("NVDA", LocalDate.of(2024, 6, 3), features, List.of(), ""), DecisionBudget.unlimited());
    }

    static AgentSignal signal(RulesAgent agent, Map<String, Object> features) {
        return assertInstanceOf(AgentSignal.class, assess(agent, features));
    }

    static Abstention abstention(RulesAgent agent, Map<String, Object> features) {
        return assertInstanceOf(Abstention.class, assess(agent, features));
    }
}
