package dev.quorum.orchestrator.promptlab;

import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
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
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The prompt gate fails a candidate only when it is worse beyond the margin and outside the block-bootstrap noise, and
 * gives no verdict on a comparison it could not make.
 */
class PromptEvaluationTest {

    private static final LocalDate DAY = LocalDate.of(2023, 1, 2);
    private static final int CASES = 120;
    private static final SignalTelemetry TELEMETRY =
            new SignalTelemetry(SignalBackend.RULES, "", "", 1, List.of(), Duration.ofMillis(1), 0, 0, "", "");

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
    void should_rule_out_a_drop_beyond_the_margin_only_when_the_interval_lies_above_it() {
        // The drop of 5 in 120 within noise: not shown worse, but its interval reaches below -0.0, so not shown "not worse".
        PromptEvaluation.Comparison within = compare(i -> i % 10 < 3, i -> (i % 10 >= 1 && i % 10 <= 3) || i % 25 == 5, 0.0);
        assertEquals(PromptEvaluation.Verdict.NOT_WORSE, within.verdict());
        assertEquals(1, within.notRuledOut().size(), within.notRuledOut().toString());
        assertTrue(within.notRuledOut().get(0).startsWith("accuracy on the sign -4.2 points [" ), within.notRuledOut().toString());
        // The same answers: every interval is [0, 0], above any margin.
        PromptEvaluation.Comparison same = compare(i -> i % 10 < 3, i -> i % 10 < 3, 0.0);
        assertEquals(List.of(), same.notRuledOut());
        // A margin wider than the interval's reach rules the drop out.
        PromptEvaluation.Comparison wide = compare(i -> i % 10 < 3, i -> (i % 10 >= 1 && i % 10 <= 3) || i % 25 == 5, 0.5);
        assertEquals(List.of(), wide.notRuledOut());
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

    @Test
    void should_give_no_verdict_on_fewer_cases_than_five_bootstrap_blocks() {
        // One case a session and H = 5: blocks of 5 cases (24^(1/3) rounds up to 3), so 24 cases are 4.8 blocks.
        // The candidate is 40 points worse, which 120 cases call WORSE; on 24 the bootstrap could not tell it from noise.
        List<EvalCase> cases = cases(24);
        PromptEvaluation.Comparison c = compare(cases, agent(cases, i -> i % 10 < 3), agent(cases, i -> i % 10 < 7), 0.05);
        assertEquals(PromptEvaluation.Verdict.NO_COMPARISON, c.verdict());
        assertEquals(List.of("24 cases are fewer than 5 bootstrap blocks of 5 (5 sessions' outcome horizon, 1 case a session), too few "
                + "to tell a difference from noise: evaluate at least 25 (--cases, or a wider --from/--to)"), c.notCompared());
        assertEquals(Optional.empty(), evaluation().tooFew(cases(25)));
    }

    @Test
    void should_give_no_verdict_when_the_candidate_makes_too_few_directional_calls() {
        // A candidate that always says NEUTRAL answers validly (0 points of valid-output rate) but cannot be shown not to
        // lose accuracy: it made 0 directional calls, the current prompt 120.
        List<EvalCase> cases = cases(CASES);
        PromptEvaluation.Comparison c = compare(cases, agent(cases, i -> false), agent(i -> signal(Direction.NEUTRAL)), 0.05);
        assertEquals(0.0, c.validRate().estimate(), 1e-12);
        assertEquals(PromptEvaluation.Verdict.NO_COMPARISON, c.verdict());
        assertEquals(List.of("the accuracy on the sign needs at least 20 directional calls on resolved cases a side; the current "
                + "prompt made 120, the candidate 0"), c.notCompared());
    }

    @Test
    void should_give_no_verdict_when_a_call_reached_no_model() {
        // Identical answers but for one candidate call that timed out: its missing answer is not an invalid output.
        List<EvalCase> cases = cases(CASES);
        Agent current = agent(cases, i -> i % 10 < 3);
        PromptEvaluation.Comparison c = compare(cases, current, agent(i -> i == 7
                ? abstention(ErrorCategory.NETWORK, "every model failed for signal; last: timeout")
                : current.assess(cases.get(i).input(), DecisionBudget.unlimited())), 0.05);
        assertEquals(PromptEvaluation.Verdict.NO_COMPARISON, c.verdict());
        assertEquals(List.of("1 of 240 calls reached no model (NETWORK 1; e.g. every model failed for signal; last: timeout), and a "
                + "missing answer would count as invalid output"), c.notCompared());
        assertEquals(Map.of(ErrorCategory.NETWORK, 1), c.candidate().abstentions());
    }

    @Test
    void should_give_no_verdict_when_neither_prompt_gets_a_valid_answer() {
        List<EvalCase> cases = cases(CASES);
        Agent invalid = agent(i -> abstention(ErrorCategory.MODEL, "every model failed for signal; last: invalid output"));
        PromptEvaluation.Comparison c = compare(cases, invalid, invalid, 0.05);
        assertEquals(PromptEvaluation.Verdict.NO_COMPARISON, c.verdict());
        assertEquals(List.of("neither prompt got a valid answer from the model (every model failed for signal; last: invalid output)"),
                c.notCompared());
        assertEquals(Map.of(ErrorCategory.MODEL, CASES), c.current().abstentions());
    }

    @Test
    void should_fail_a_candidate_without_valid_output_on_the_valid_output_rate_alone() {
        // The accuracy cannot be compared (the candidate made no call), but 100 points fewer valid outputs is a comparison made.
        List<EvalCase> cases = cases(CASES);
        PromptEvaluation.Comparison c = compare(cases, agent(cases, i -> false),
                agent(i -> abstention(ErrorCategory.MODEL, "invalid output")), 0.05);
        assertEquals(PromptEvaluation.Verdict.WORSE, c.verdict());
        assertEquals(List.of("valid-output rate -100.0 points [-100.0, -100.0]"), c.worseBecause());
    }

    private static PromptEvaluation.Comparison compare(IntPredicate currentWrong, IntPredicate candidateWrong, double margin) {
        List<EvalCase> cases = cases(CASES);
        return compare(cases, agent(cases, currentWrong), agent(cases, candidateWrong), margin);
    }

    private static PromptEvaluation.Comparison compare(List<EvalCase> cases, Agent current, Agent candidate, double margin) {
        return evaluation().compare(cases, new PromptEvaluation.Contender("current", "a".repeat(12), current),
                new PromptEvaluation.Contender("candidate", "b".repeat(12), candidate), margin);
    }

    private static PromptEvaluation evaluation() {
        return new PromptEvaluation(OutcomeRules.defaults(), DecisionBudget::unlimited);
    }

    /** One case a day, resolved: down on every third (by a scrambled index), else up. */
    private static List<EvalCase> cases(int n) {
        List<EvalCase> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double r = (i * 7919) % 3 == 0 ? -0.02 : 0.015;
            cases.add(new EvalCase("c" + i, DAY.plusDays(i), new AgentInput("AAPL", DAY.plusDays(i), Map.of("case", i), List.of(), ""), r));
        }
        return cases;
    }

    /** Calls each case's sign right unless {@code wrong} says otherwise. */
    private static Agent agent(List<EvalCase> cases, IntPredicate wrong) {
        return agent(i -> signal(cases.get(i).realizedReturn() > 0 != wrong.test(i) ? Direction.BULLISH : Direction.BEARISH));
    }

    private static AgentSignal signal(Direction call) {
        return new AgentSignal("technical", "trend", call, 0.7, "s", List.of(), TELEMETRY);
    }

    private static Abstention abstention(ErrorCategory category, String reason) {
        return new Abstention("technical", "trend", category, reason, TELEMETRY);
    }

    /** Answers case i with {@code answers.apply(i)}. */
    private static Agent agent(IntFunction<AgentOutcome> answers) {
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
                return answers.apply((Integer) input.features().get("case"));
            }
        };
    }
}
