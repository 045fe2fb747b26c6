package dev.quorum.orchestrator.runtime;

import dev.quorum.envelope.Verdict;
import dev.quorum.memory.outcomes.ResolvedOutcome;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the meta-learner's training keeps of each outcome, in a service that resolves outcomes for months. */
class MetaLearnerTrainingTest {

    private static ResolvedOutcome outcome(String correlationId) {
        // No scored calls: nothing to learn, so no model and no retry table are needed.
        return new ResolvedOutcome(1, correlationId, "AAPL", LocalDate.parse("2024-06-03"), Verdict.HOLD, null,
                List.of(), Map.of(), Map.of());
    }

    @Test
    void should_not_keep_the_results_of_outcomes_nobody_asks_for() {
        MetaLearnerTraining training = new MetaLearnerTraining(null, List.of(), null);
        // A year of a 20-ticker watchlist's market outcomes, resolved by the daily cycles: only feedback takes its result.
        for (int i = 0; i < 5_000; i++) {
            training.onResolved(outcome("cycle-" + i));
        }
        training.onResolved(outcome("feedback"));

        assertEquals("no_votes", training.take("feedback").orElseThrow().status(), "the outcome just recorded");
        assertTrue(training.take("cycle-0").isEmpty(), "a result from months ago is no longer kept");
    }
}
