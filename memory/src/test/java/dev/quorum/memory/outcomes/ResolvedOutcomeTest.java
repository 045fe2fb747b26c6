package dev.quorum.memory.outcomes;

import dev.quorum.envelope.Verdict;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResolvedOutcomeTest {

    @Test
    void should_list_the_weights_by_agent_name_whatever_order_they_came_in() {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String agent : List.of("technical", "sentiment", "risk", "macro", "auditor", "learning")) {
            weights.put(agent, 0.05);
        }
        ResolvedOutcome outcome = new ResolvedOutcome(1, "c", "AAPL", LocalDate.parse("2024-06-03"), Verdict.BUY, null,
                List.of(), weights, weights);
        List<String> sorted = List.of("auditor", "learning", "macro", "risk", "sentiment", "technical");
        assertEquals(sorted, List.copyOf(outcome.weightsAtDecision().keySet()));
        assertEquals(sorted, List.copyOf(outcome.weightsAfter().keySet()));
    }
}
