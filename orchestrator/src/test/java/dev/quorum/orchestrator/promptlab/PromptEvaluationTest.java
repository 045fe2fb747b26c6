package dev.quorum.orchestrator.promptlab;

import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;
import dev.quorum.memory.outcomes.OutcomeRules;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prompt gate fails a candidate only when it is worse beyond the margin and outside the block-bootstrap noise. */
class PromptEvaluationTest {

    private static final LocalDate DAY = LocalDate.of(2023, 1, 2);
    private static final int CASES = 120;

    @Test
    void should_pass_a_candidate_whose_drop_is_within_noise() {
        // current: wrong on cases i % 10 in {0, 1, 2} (84 of 120 right); candidate wrong on {1, 2, 3} and on 5, 30, 55,
        // 80, 105 (79 right): it wins 10 cases and loses 15, a drop of 5 in 120 that the paired resamples do not confirm
        PromptEvaluation.Comparison c = compare(i -> i % 10 < 3, i -> (i % 10 >= 1 && i % 10 <= 3) || i % 25 == 5, 0.0);
        assertEquals(84.0 / 120, c.current().accuracy().rate(), 1e-12);
        assertEquals(79.0 / 120, c.candidate().accuracy().rate(), 1e-12);
        assertEquals(-5.0 / 120, c.accuracy().estimate(), 1e-12);
        assertTrue(c.accuracy().lower() < 0 && c.accuracy().upper() > 0, c.accuracy().toString());
        assertEquals(0.0, c.validRate().estimate(), 1e-12);
        assertFalse(c.candidateIsWorse(), c.worseBecause().toString());
        assertEquals(5, c.blockLength(), "one case a session: blocks of H = 5 cases (120^(1/3) rounds up to 5 as well)");
    }

    @Test
    void should_fail_a_candidate_that_is_worse_beyond_the_margin_and_the_noise() {
        // candidate wrong on i % 10 in {0..6}: 36 of 120 right, 40 points below the current prompt
        PromptEvaluation.Comparison c = compare(i -> i % 10 < 3, i -> i % 10 < 7, 0.05);
        assertEquals(-0.4, c.accuracy().estimate(), 1e-12);
        assertTrue(c.accuracy().upper() < 0, c.accuracy().toString());
        assertTrue(c.candidateIsWorse());
        assertTrue(c.worseBecause().get(0).startsWith("accuracy on the sign -40.0 points ["), c.worseBecause().toString());
    }

    private static PromptEvaluation.Comparison compare(IntPredicate currentWrong, IntPredicate candidateWrong, double margin) {
        List<EvalCase> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            double r = (i * 7919) % 3 == 0 ? -0.02 : 0.015;
            cases.add(new EvalCase("c" + i, DAY.plusDays(i), new AgentInput("AAPL", DAY.plusDays(i), Map.of("case", i), List.of(), ""), r));
        }
        PromptEvaluation evaluation = new PromptEvaluation(OutcomeRules.defaults(), DecisionBudget::unlimited);
        return evaluation.compare(cases, new PromptEvaluation.Contender("current", "a".repeat(12), agent(cases, currentWrong)),
                new PromptEvaluation.Contender("candidate", "b".repeat(12), agent(cases, candidateWrong)), margin);
    }

    /** Calls each case's sign right unless {@code wrong} says otherwise. */
    private static Agent agent(List<EvalCase> cases, IntPredicate wrong) {
        return new Agent() {
            @Override
            public String name() {
                return "technical";
            }

            @Override
            public String domain() {
                return "trend";
            }

            @Override
            public AgentOutcome assess(AgentInput input, DecisionBudget budget) {
                int i = (Integer) input.features().get("case");
                boolean up = cases.get(i).realizedReturn() > 0;
                Direction call = up != wrong.test(i) ? Direction.BULLISH : Direction.BEARISH;
                return new AgentSignal("technical", "trend", call, 0.7, "s", List.of(),
                        new SignalTelemetry(SignalBackend.RULES, "", "", 1, List.of(), Duration.ofMillis(1), 0, 0, "", ""));
            }
        };
    }
}
