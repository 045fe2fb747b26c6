package dev.quorum.agents;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionBudgetTest {

    @Test
    void should_resume_a_paused_budget_with_the_time_it_had_left_and_the_calls_it_had_taken() {
        Instant start = Instant.parse("2024-06-04T20:00:00Z");
        DecisionBudget budget = new DecisionBudget(Duration.ofSeconds(60), 5, Clock.fixed(start, ZoneOffset.UTC));
        assertTrue(budget.tryTakeCall());
        assertTrue(budget.tryTakeCall());

        // Paused 100 s (its agents answered at 20:00:00, the decision goes on at 20:01:40): 60 s left, not none.
        DecisionBudget resumed = new DecisionBudget(Duration.ofSeconds(60), 5, Clock.fixed(start, ZoneOffset.UTC))
                .pausedFor(Duration.ofSeconds(100));
        assertEquals(Duration.ofSeconds(160), resumed.remainingTime());
        DecisionBudget carried = budget.pausedFor(Duration.ofSeconds(100));
        assertEquals(2, carried.callsTaken());
        assertEquals(5, carried.maxCalls());
        assertTrue(carried.tryTakeCall());
        assertTrue(carried.tryTakeCall());
        assertTrue(carried.tryTakeCall());
        assertFalse(carried.tryTakeCall(), "five calls in all, the two taken before the pause included");
        assertEquals(2, budget.callsTaken(), "the paused budget is a copy");
        assertEquals(Duration.ofSeconds(60), budget.pausedFor(Duration.ofSeconds(-5)).remainingTime(), "a negative pause moves nothing");
    }

    @Test
    void should_give_way_when_asked_ahead_and_no_longer_once_the_decision_goes_on() {
        DecisionBudget budget = new DecisionBudget(Duration.ofSeconds(60), 5, Clock.systemUTC());
        assertFalse(budget.givesWay());
        DecisionBudget ahead = budget.givingWay();
        assertTrue(ahead.givesWay());
        assertTrue(ahead.tryTakeCall());
        assertEquals(1, ahead.callsTaken());
        DecisionBudget resumed = ahead.pausedFor(Duration.ofSeconds(1));
        assertFalse(resumed.givesWay(), "the decision's own calls (the synthesis) do not give way");
        assertEquals(1, resumed.callsTaken());
    }
}
