package dev.quorum.orchestrator.promptlab;

import dev.quorum.agents.Agent;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.orchestrator.backtest.metrics.Calibration;
import dev.quorum.orchestrator.backtest.metrics.HitRate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Replays the cases through the current and the candidate agent (same model chain, different prompt) and compares
 * them. The candidate is worse when its valid-output rate or its hit rate falls more than the margin below the
 * current prompt's.
 */
public final class PromptEvaluation {

    /** Both prompts' scores and how often they agreed. */
    public record Comparison(PromptScore current, PromptScore candidate, HitRate agreement, double margin,
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
        List<String> worse = new ArrayList<>();
        if (candidateScore.validRate() < currentScore.validRate() - margin) {
            worse.add(String.format(java.util.Locale.ROOT, "valid-output rate %.1f%% vs %.1f%%", candidateScore.validRate() * 100,
                    currentScore.validRate() * 100));
        }
        Double currentHits = currentScore.hitRate().rate();
        Double candidateHits = candidateScore.hitRate().rate();
        if (currentHits != null && (candidateHits == null || candidateHits < currentHits - margin)) {
            worse.add(String.format(java.util.Locale.ROOT, "hit rate %s vs %.1f%%",
                    candidateHits == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f%%", candidateHits * 100), currentHits * 100));
        }
        return new Comparison(currentScore, candidateScore, HitRate.of(agreed, bothValid), margin, worse);
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
                if (r != null) {
                    boolean hit = rules.isCorrect(signal.signal(), r);
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
