package dev.quorum.orchestrator.promptlab;

import dev.quorum.agents.Agent;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.orchestrator.backtest.metrics.BlockBootstrap;
import dev.quorum.orchestrator.backtest.metrics.Calibration;
import dev.quorum.orchestrator.backtest.metrics.Directional;
import dev.quorum.orchestrator.backtest.metrics.HitRate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Replays the cases through the current and the candidate agent (same model chain, different prompt) and compares
 * them with the backtest's significance test: the paired difference (candidate minus current) of the valid-output
 * rate and of the accuracy on the sign of the realised return, each with a seeded block-bootstrap 95 % interval over
 * the cases in trade-date order (blocks span at least the outcome horizon's worth of sessions). The candidate is
 * worse when a difference is below minus the margin and its interval lies below 0: worse by more than the margin,
 * and not by chance.
 *
 * <p>A verdict is given only on a comparison actually made. None is when a call did not reach a model (its missing
 * answer would count as invalid output), when the cases are fewer than {@link #MIN_BLOCKS} bootstrap blocks (with
 * one block every resample is the same series turned round, and the interval collapses onto the estimate: any
 * difference would look "outside noise"), or, for "not worse", when a side made fewer than {@link #MIN_CALLS}
 * directional calls on resolved cases (a prompt that never answers, or only says NEUTRAL, cannot be shown not to
 * lose accuracy). A candidate whose valid-output rate is worse beyond the margin and the noise is worse even when
 * the accuracy cannot be compared.
 */
public final class PromptEvaluation {

    /** Fewer cases than this many blocks give no verdict. */
    public static final int MIN_BLOCKS = 5;
    /**
     * Fewer directional calls on resolved cases than this, on either side, give no "not worse": below it one call
     * moves a side's accuracy by more than 5 points, the default margin.
     */
    public static final int MIN_CALLS = 20;

    /** What the comparison allows one to say. */
    public enum Verdict { WORSE, NOT_WORSE, NO_COMPARISON }

    /**
     * Both prompts' scores, how often they agreed, the differences with their intervals, and the verdict.
     *
     * @param worseBecause the differences that make the candidate worse; empty when it is not, or not compared
     * @param notCompared  why no verdict is given; empty when one is
     * @param notRuledOut  the differences compared whose interval still reaches below minus the margin: the candidate
     *                     is not shown worse, but neither shown not worse (more cases narrow the interval); empty when
     *                     every interval lies above it
     */
    public record Comparison(PromptScore current, PromptScore candidate, HitRate agreement, double margin,
                             BlockBootstrap.Difference validRate, BlockBootstrap.Difference accuracy, int blockLength,
                             List<String> worseBecause, List<String> notCompared, List<String> notRuledOut) {

        public Verdict verdict() {
            return !worseBecause.isEmpty() ? Verdict.WORSE : notCompared.isEmpty() ? Verdict.NOT_WORSE : Verdict.NO_COMPARISON;
        }

        public boolean candidateIsWorse() {
            return verdict() == Verdict.WORSE;
        }
    }

    /** The agent under one prompt and the prompt's label and content hash. */
    public record Contender(String label, String promptHash, Agent agent) {
    }

    /** Abstentions of these categories mean that no model was asked (or none answered at all), not a bad answer. */
    private static final Set<ErrorCategory> NOT_ASKED = EnumSet.of(ErrorCategory.NETWORK, ErrorCategory.BUDGET, ErrorCategory.LOGIC);

    private final OutcomeRules rules;
    private final Supplier<DecisionBudget> budgets;

    /** @param budgets a fresh decision budget per case, as the cycle gives each decision */
    public PromptEvaluation(OutcomeRules rules, Supplier<DecisionBudget> budgets) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
    }

    /**
     * Why the cases are too few for any verdict, before a model is asked; empty when they are enough.
     *
     * @param cases in trade-date order (either way)
     */
    public Optional<String> tooFew(List<EvalCase> cases) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no stored decision matches: nothing to evaluate");
        }
        int n = cases.size();
        int perSession = casesPerSession(cases);
        int block = bootstrap(cases).blockLength();
        if (n >= MIN_BLOCKS * block) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%d cases are fewer than %d bootstrap blocks of %d (%d sessions' outcome "
                + "horizon, %d %s a session), too few to tell a difference from noise: evaluate at least %d (--cases, or a wider "
                + "--from/--to)", n, MIN_BLOCKS, block, rules.horizonSessions(), perSession, perSession == 1 ? "case" : "cases",
                MIN_BLOCKS * block));
    }

    /** @param cases in trade-date order (either way) */
    public Comparison compare(List<EvalCase> cases, Contender current, Contender candidate, double margin) {
        Optional<String> tooFew = tooFew(cases);
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
        BlockBootstrap bootstrap = bootstrap(cases);
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
        List<String> notCompared = new ArrayList<>();
        tooFew.ifPresent(notCompared::add);
        notAsked(currentScore, candidateScore, 2 * n).ifPresent(notCompared::add);
        List<String> worse = new ArrayList<>();
        List<String> notRuledOut = new ArrayList<>();
        if (notCompared.isEmpty()) {
            worse(worse, notRuledOut, "valid-output rate", validRate, margin);
            long currentMade = Arrays.stream(currentCalls).filter(c -> c != 0).count();
            long candidateMade = Arrays.stream(candidateCalls).filter(c -> c != 0).count();
            if (currentMade >= MIN_CALLS && candidateMade >= MIN_CALLS) {
                worse(worse, notRuledOut, "accuracy on the sign", accuracy, margin);
            } else if (worse.isEmpty()) {
                notCompared.add(currentScore.valid() == 0 && candidateScore.valid() == 0
                        ? "neither prompt got a valid answer from the model (" + currentScore.commonReason() + ")"
                        : String.format(Locale.ROOT, "the accuracy on the sign needs at least %d directional calls on resolved "
                        + "cases a side; the current prompt made %d, the candidate %d", MIN_CALLS, currentMade, candidateMade));
            }
        }
        return new Comparison(currentScore, candidateScore, HitRate.of(agreed, bothValid), margin, validRate, accuracy,
                bootstrap.blockLength(), worse, notCompared, worse.isEmpty() && notCompared.isEmpty() ? notRuledOut : List.of());
    }

    /** Calls that reached no model, on both sides: their answers are missing, not invalid. */
    private static Optional<String> notAsked(PromptScore current, PromptScore candidate, int calls) {
        SortedMap<ErrorCategory, Integer> failed = new TreeMap<>();
        String reason = "";
        for (PromptScore side : List.of(current, candidate)) {
            for (var e : side.abstentions().entrySet()) {
                if (NOT_ASKED.contains(e.getKey())) {
                    failed.merge(e.getKey(), e.getValue(), Integer::sum);
                    reason = reason.isEmpty() ? side.commonReason() : reason;
                }
            }
        }
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        int count = failed.values().stream().mapToInt(Integer::intValue).sum();
        return Optional.of(count + " of " + calls + " calls reached no model (" + categories(failed) + "; e.g. " + reason
                + "), and a missing answer would count as invalid output");
    }

    /** "MODEL 3, NETWORK 1". */
    static String categories(SortedMap<ErrorCategory, Integer> counts) {
        return String.join(", ", counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    private BlockBootstrap bootstrap(List<EvalCase> cases) {
        return BlockBootstrap.forHorizon(rules.horizonSessions() * casesPerSession(cases), cases.size());
    }

    private static int casesPerSession(List<EvalCase> cases) {
        long sessions = cases.stream().map(EvalCase::tradeDate).distinct().count();
        return (int) Math.ceil((double) cases.size() / sessions);
    }

    /**
     * Adds the difference to {@code worse} when it is below minus the margin and outside noise, else to
     * {@code notRuledOut} when its interval reaches below minus the margin: not being shown worse is not being shown
     * not worse, and only the second may be printed as "not worse".
     */
    private static void worse(List<String> worse, List<String> notRuledOut, String what, BlockBootstrap.Difference d, double margin) {
        if (d.estimate() == null || d.lower() == null) {
            return;
        }
        String shown = String.format(Locale.ROOT, "%s %+.1f points [%+.1f, %+.1f]", what, d.estimate() * 100, d.lower() * 100,
                d.upper() * 100);
        if (d.estimate() < -margin && d.upper() < 0) {
            worse.add(shown);
        } else if (d.lower() < -margin) {
            notRuledOut.add(shown);
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
        SortedMap<ErrorCategory, Integer> abstentions = new TreeMap<>();
        SortedMap<String, Integer> reasons = new TreeMap<>();
        for (int i = 0; i < cases.size(); i++) {
            AgentOutcome answer = answers.get(i);
            if (answer instanceof Abstention abstention) {
                abstentions.merge(abstention.category(), 1, Integer::sum);
                reasons.merge(abstention.reason(), 1, Integer::sum);
            }
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
                HitRate.of(hits, scored), Calibration.of(calls), latency / n, tokens / n, Collections.unmodifiableSortedMap(abstentions),
                mostFrequent(reasons));
    }

    /** The most frequent reason (the first in text order among equals); empty when there is none. */
    private static String mostFrequent(SortedMap<String, Integer> reasons) {
        String most = "";
        int count = 0;
        for (Map.Entry<String, Integer> e : reasons.entrySet()) {
            if (e.getValue() > count) {
                most = e.getKey();
                count = e.getValue();
            }
        }
        return most;
    }
}
