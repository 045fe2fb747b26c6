package dev.quorum.orchestrator.promptlab;

import dev.quorum.agents.Agent;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.orchestrator.backtest.metrics.BlockBootstrap;
import dev.quorum.orchestrator.backtest.metrics.Calibration;
import dev.quorum.orchestrator.backtest.metrics.Directional;
import dev.quorum.orchestrator.backtest.metrics.HitRate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Replays the cases through the current and the candidate agent (same model chain, different prompt) and compares
 * them with the backtest's significance test: the paired difference (candidate minus current) of the valid-output
 * rate and of the accuracy on the sign of the realised return, each with a seeded block-bootstrap 95 % interval over
 * the cases in trade-date order (blocks span at least the outcome horizon's worth of sessions). The candidate is
 * worse when a difference is below minus the margin and its interval lies below 0: worse by more than the margin,
 * and not by chance.
 */
public final class PromptEvaluation {

    /** Both prompts' scores, how often they agreed, and the differences with their intervals. */
    public record Comparison(PromptScore current, PromptScore candidate, HitRate agreement, double margin,
                             BlockBootstrap.Difference validRate, BlockBootstrap.Difference accuracy, int blockLength,
                             List<String> worseBecause) {

        public boolean candidateIsWorse() {
            return !worseBecause.isEmpty();
        }
    }

    /** The agent under one prompt and the prompt's label and content hash. */
    public record Contender(String label, String promptHash, Agent agent) {
    }

    private final OutcomeRules rules;
    private final Supplier<DecisionBudget> budgets;

    /** @param budgets a fresh decision budget per case, as the cycle gives each decision */
    public PromptEvaluation(OutcomeRules rules, Supplier<DecisionBudget> budgets) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
    }

    /** @param cases in trade-date order (either way) */
    public Comparison compare(List<EvalCase> cases, Contender current, Contender candidate, double margin) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no stored decision matches: nothing to evaluate");
        }
        List<AgentOutcome> currentAnswers = new ArrayList<>();
        List<AgentOutcome> candidateAnswers = new ArrayList<>();
        for (EvalCase c : cases) {
            currentAnswers.add(current.agent().assess(c.input(), budgets.get()));
            candidateAnswers.add(candidate.agent().assess(c.input(), budgets.get()));
        }
        long agreed = 0;
        long bothValid = 0;
        for (int i = 0; i < cases.size(); i++) {
            if (currentAnswers.get(i) instanceof AgentSignal a && candidateAnswers.get(i) instanceof AgentSignal b) {
                bothValid++;
                agreed += a.signal() == b.signal() ? 1 : 0;
            }
        }
        PromptScore currentScore = score(current, cases, currentAnswers);
        PromptScore candidateScore = score(candidate, cases, candidateAnswers);
        int n = cases.size();
        long sessions = cases.stream().map(EvalCase::tradeDate).distinct().count();
        int casesPerSession = (int) Math.ceil((double) n / sessions);
        BlockBootstrap bootstrap = BlockBootstrap.forHorizon(rules.horizonSessions() * casesPerSession, n);
        int[] currentValid = valid(currentAnswers);
        int[] candidateValid = valid(candidateAnswers);
        BlockBootstrap.Difference validRate = bootstrap.interval("current", n, idx -> {
            double sum = 0;
            for (int i : idx) {
                sum += candidateValid[i] - currentValid[i];
            }
            return sum / idx.length;
        });
        int[] currentCalls = calls(cases, currentAnswers);
        int[] candidateCalls = calls(cases, candidateAnswers);
        BlockBootstrap.Difference accuracy = bootstrap.interval("current", n,
                idx -> accuracy(candidateCalls, idx) - accuracy(currentCalls, idx));
        List<String> worse = new ArrayList<>();
        worse(worse, "valid-output rate", validRate, margin);
        worse(worse, "accuracy on the sign", accuracy, margin);
        return new Comparison(currentScore, candidateScore, HitRate.of(agreed, bothValid), margin, validRate, accuracy,
                bootstrap.blockLength(), worse);
    }

    private static void worse(List<String> worse, String what, BlockBootstrap.Difference d, double margin) {
        if (d.estimate() != null && d.estimate() < -margin && d.upper() != null && d.upper() < 0) {
            worse.add(String.format(Locale.ROOT, "%s %+.1f points [%+.1f, %+.1f]", what, d.estimate() * 100,
                    d.lower() * 100, d.upper() * 100));
        }
    }

    private static int[] valid(List<AgentOutcome> answers) {
        return answers.stream().mapToInt(a -> a instanceof AgentSignal ? 1 : 0).toArray();
    }

    /** Per case: 1 a directional call that got the sign right, -1 one that got it wrong, 0 no call or no outcome. */
    private static int[] calls(List<EvalCase> cases, List<AgentOutcome> answers) {
        int[] calls = new int[cases.size()];
        for (int i = 0; i < calls.length; i++) {
            Double r = cases.get(i).realizedReturn();
            if (r != null && answers.get(i) instanceof AgentSignal s && s.signal().sign() != 0) {
                calls[i] = Directional.right(s.signal().sign(), r) ? 1 : -1;
            }
        }
        return calls;
    }

    private static double accuracy(int[] calls, int[] idx) {
        int right = 0;
        int made = 0;
        for (int i : idx) {
            right += calls[i] > 0 ? 1 : 0;
            made += calls[i] != 0 ? 1 : 0;
        }
        return made == 0 ? Double.NaN : (double) right / made;
    }

    private PromptScore score(Contender contender, List<EvalCase> cases, List<AgentOutcome> answers) {
        int valid = 0;
        long hits = 0;
        long scored = 0;
        double latency = 0;
        double tokens = 0;
        List<Calibration.Call> calls = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            AgentOutcome answer = answers.get(i);
            latency += answer.telemetry().latency().toNanos() / 1e6;
            tokens += answer.telemetry().promptTokens() + answer.telemetry().completionTokens();
            if (answer instanceof AgentSignal signal) {
                valid++;
                Double r = cases.get(i).realizedReturn();
                if (r != null && signal.signal().sign() != 0) {
                    boolean hit = Directional.right(signal.signal().sign(), r);
                    hits += hit ? 1 : 0;
                    scored++;
                    calls.add(new Calibration.Call(signal.confidence(), hit));
                }
            }
        }
        int n = cases.size();
        return new PromptScore(contender.label(), contender.promptHash(), n, valid, (double) valid / n,
                HitRate.of(hits, scored), Calibration.of(calls), latency / n, tokens / n);
    }
}
