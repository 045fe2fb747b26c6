package dev.quorum.orchestrator.backtest.metrics;

import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.memory.trust.AgentPerformance;
import dev.quorum.memory.trust.AgentSkill;
import dev.quorum.memory.trust.ScoredCall;
import dev.quorum.memory.trust.SessionEvidence;
import dev.quorum.memory.trust.TrustPolicy;
import dev.quorum.orchestrator.consensus.ConsensusResult;
import dev.quorum.orchestrator.consensus.Pooling;
import dev.quorum.orchestrator.consensus.WeightedConsensus;
import dev.quorum.orchestrator.review.RiskReview;
import dev.quorum.orchestrator.synthesis.EnsembleGuard;
import dev.quorum.orchestrator.synthesis.RuleSynthesis;
import dev.quorum.orchestrator.synthesis.SynthesisVerdict;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The ablation: the stored votes re-fused under another weighting, without running any agent again. A trust policy
 * is replayed online in the order the service learns (an outcome counts from its exit session on, before that
 * session's decisions); the votes go through the production {@link WeightedConsensus} and {@link RuleSynthesis}.
 * A policy's replay pools confidences as the cycle did ({@link Pooling}, with the calibration
 * maps replayed beside the weights); the equal-weight baseline counts stated confidences. By default only the weighting changes; the ensemble guard and the risk review can be re-applied after the
 * synthesis as the cycle applies them, each on or off, so their effect is measured under one policy.
 */
public final class Weightings {

    private static final SignalTelemetry REPLAYED = new SignalTelemetry(SignalBackend.REPLAY, "", "", 0, List.of(), null, 0, 0, "", "");

    /** Which of the cycle's checks after the synthesis a replay applies. */
    public record Stages(boolean guard, boolean review) {

        public static final Stages NONE = new Stages(false, false);
    }

    private final WeightedConsensus consensus;
    private final RuleSynthesis synthesis;
    private final OutcomeRules rules;
    private final EnsembleGuard guard;
    private final RiskReview review;
    private final int quorum;
    private final Pooling pooling;

    /** @param pooling which confidence a vote counts with in a policy's replay (the cycle's {@code consensus.pooling}) */
    public Weightings(int quorum, double actThreshold, OutcomeRules rules, EnsembleGuard guard, RiskReview review,
                      Pooling pooling) {
        this.quorum = quorum;
        this.pooling = pooling;
        this.consensus = new WeightedConsensus(quorum);
        this.synthesis = new RuleSynthesis(actThreshold);
        this.rules = rules;
        this.guard = guard;
        this.review = review;
    }

    /** @param decisions in trade-date order; the verdicts come back in the same order */
    public List<Verdict> underPolicy(List<ResolvedDecision> decisions, TrustPolicy policy) {
        return underPolicy(decisions, policy, Stages.NONE);
    }

    /** @param stages the checks applied after the synthesis, as the cycle applies them */
    public List<Verdict> underPolicy(List<ResolvedDecision> decisions, TrustPolicy policy, Stages stages) {
        Map<String, AgentPerformance> performance = new HashMap<>();
        Map<String, AgentSkill> skills = new HashMap<>();
        Map<String, Double> weights = new HashMap<>();
        WeightedConsensus replayed = new WeightedConsensus(quorum, policy.initialWeight(), pooling);
        record Pending(LocalDate knownAt, int order, ResolvedDecision decision, Verdict verdict) {
        }
        PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator.comparing(Pending::knownAt).thenComparing(Pending::order));
        List<Verdict> verdicts = new ArrayList<>();
        Instant at = Instant.EPOCH;
        Map<LocalDate, Map<String, SessionEvidence>> evidence = sessionEvidence(decisions, rules.horizonSessions());
        for (int i = 0; i < decisions.size(); i++) {
            ResolvedDecision d = decisions.get(i);
            while (!pending.isEmpty() && !pending.peek().knownAt().isAfter(d.tradeDate())) {
                Pending p = pending.poll();
                for (ScoredCall call : scored(p.decision(), p.verdict())) {
                    AgentPerformance before = performance.getOrDefault(call.agent(),
                            AgentPerformance.none(call.agent(), policy.initialWeight(), at));
                    AgentPerformance counted = before.counting(call, at);
                    AgentSkill skill = skills.getOrDefault(call.agent(), AgentSkill.none(call.agent()))
                            .after(call, evidence.get(p.decision().tradeDate()).getOrDefault(call.agent(), SessionEvidence.WHOLE));
                    skills.put(call.agent(), skill);
                    double next = policy.nextWeight(before.currentWeight(), call, counted, skill);
                    performance.put(call.agent(), counted.withWeight(next));
                    weights.put(call.agent(), next);
                }
            }
            Verdict verdict = fuse(replayed, d, weights, skills, stages);
            verdicts.add(verdict);
            pending.add(new Pending(d.exitDate(), i, d, verdict));
        }
        return verdicts;
    }

    /**
     * Per trade date and agent with a directional call on it, what such a call is worth, as the ledger weighs it: the
     * agent's directional calls on that date, and its latest earlier date with one.
     */
    private static Map<LocalDate, Map<String, SessionEvidence>> sessionEvidence(List<ResolvedDecision> decisions, int horizonSessions) {
        Map<LocalDate, Map<String, Integer>> calls = new TreeMap<>();
        for (ResolvedDecision d : decisions) {
            Map<String, Integer> byAgent = calls.computeIfAbsent(d.tradeDate(), date -> new TreeMap<>());
            d.votes().stream().filter(v -> v.signal() != Direction.NEUTRAL).forEach(v -> byAgent.merge(v.agent(), 1, Integer::sum));
        }
        Map<LocalDate, Map<String, SessionEvidence>> evidence = new HashMap<>();
        Map<String, LocalDate> previous = new HashMap<>();
        calls.forEach((date, byAgent) -> {
            Map<String, SessionEvidence> onDate = new HashMap<>();
            byAgent.forEach((agent, n) -> onDate.put(agent,
                    SessionEvidence.of(n, Optional.ofNullable(previous.get(agent)), date, horizonSessions)));
            byAgent.keySet().forEach(agent -> previous.put(agent, date));
            evidence.put(date, onDate);
        });
        return evidence;
    }

    /** Every vote weighs 1.0. */
    public List<Verdict> equalWeights(List<ResolvedDecision> decisions) {
        return decisions.stream().map(d -> fuse(consensus, d, Map.of(), Map.of(), Stages.NONE)).toList();
    }

    /** BUY when the meta-learner predicted a return above +epsilon, SELL below -epsilon, HOLD otherwise or without a prediction. */
    public List<Verdict> metaLearner(List<ResolvedDecision> decisions) {
        return decisions.stream().map(d -> {
            if (d.metaPrediction() == null) {
                return Verdict.HOLD;
            }
            double p = d.metaPrediction();
            return p > rules.epsilon() ? Verdict.BUY : p < -rules.epsilon() ? Verdict.SELL : Verdict.HOLD;
        }).toList();
    }

    private Verdict fuse(WeightedConsensus consensus, ResolvedDecision d, Map<String, Double> weights,
                         Map<String, AgentSkill> skills, Stages stages) {
        List<AgentOutcome> signals = d.votes().stream().<AgentOutcome>map(v -> new AgentSignal(v.agent(), "replay",
                v.signal(), v.confidence(), "", List.of(), REPLAYED)).toList();
        ConsensusResult fused = consensus.fuse(signals, weights, skills);
        SynthesisVerdict verdict = synthesis.decide(fused);
        if (stages.guard()) {
            verdict = guard.check(verdict, fused.ensembleScore()).verdict();
        }
        if (stages.review()) {
            verdict = review.review(verdict, signals).verdict();
        }
        return verdict.verdict();
    }

    private List<ScoredCall> scored(ResolvedDecision d, Verdict verdict) {
        double r = d.realizedReturn();
        return d.votes().stream().map(v -> new ScoredCall(v.agent(), v.signal(), v.confidence(), r,
                rules.isCorrect(v.signal(), r), v.signal().sign() * r,
                v.signal() == OutcomeRules.directionOf(verdict))).toList();
    }
}
