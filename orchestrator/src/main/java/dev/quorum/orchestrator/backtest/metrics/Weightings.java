package dev.quorum.orchestrator.backtest.metrics;

import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.memory.trust.AgentPerformance;
import dev.quorum.memory.trust.AgentSkill;
import dev.quorum.memory.trust.ScoredCall;
import dev.quorum.memory.trust.TrustPolicy;
import dev.quorum.orchestrator.consensus.WeightedConsensus;
import dev.quorum.orchestrator.synthesis.RuleSynthesis;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The ablation: the stored votes re-fused under another weighting, without running any agent again. A trust policy
 * is replayed online in the order the service learns (an outcome counts from its exit session on, before that
 * session's decisions); the votes go through the production {@link WeightedConsensus} and {@link RuleSynthesis}.
 * The as-run guard and risk review are not re-applied, so the variants compare weightings, not the whole pipeline.
 */
public final class Weightings {

    private static final SignalTelemetry REPLAYED = new SignalTelemetry("replay", "", "", 0, List.of(), null, 0, 0, "", "");

    private final WeightedConsensus consensus;
    private final RuleSynthesis synthesis;
    private final OutcomeRules rules;
    private final int quorum;

    public Weightings(int quorum, double actThreshold, OutcomeRules rules) {
        this.quorum = quorum;
        this.consensus = new WeightedConsensus(quorum);
        this.synthesis = new RuleSynthesis(actThreshold);
        this.rules = rules;
    }

    /** @param decisions in trade-date order; the verdicts come back in the same order */
    public List<Verdict> underPolicy(List<ResolvedDecision> decisions, TrustPolicy policy) {
        Map<String, AgentPerformance> performance = new HashMap<>();
        Map<String, AgentSkill> skills = new HashMap<>();
        Map<String, Double> weights = new HashMap<>();
        WeightedConsensus replayed = new WeightedConsensus(quorum, policy.initialWeight());
        record Pending(LocalDate knownAt, int order, ResolvedDecision decision, Verdict verdict) {
        }
        PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator.comparing(Pending::knownAt).thenComparing(Pending::order));
        List<Verdict> verdicts = new ArrayList<>();
        Instant at = Instant.EPOCH;
        for (int i = 0; i < decisions.size(); i++) {
            ResolvedDecision d = decisions.get(i);
            while (!pending.isEmpty() && !pending.peek().knownAt().isAfter(d.tradeDate())) {
                Pending p = pending.poll();
                for (ScoredCall call : scored(p.decision(), p.verdict())) {
                    AgentPerformance before = performance.getOrDefault(call.agent(),
                            AgentPerformance.none(call.agent(), policy.initialWeight(), at));
                    AgentPerformance counted = before.counting(call, at);
                    AgentSkill skill = skills.getOrDefault(call.agent(), AgentSkill.none(call.agent())).after(call);
                    skills.put(call.agent(), skill);
                    double next = policy.nextWeight(before.currentWeight(), call, counted, skill);
                    performance.put(call.agent(), counted.withWeight(next));
                    weights.put(call.agent(), next);
                }
            }
            Verdict verdict = fuse(replayed, d, weights);
            verdicts.add(verdict);
            pending.add(new Pending(d.exitDate(), i, d, verdict));
        }
        return verdicts;
    }

    /** Every vote weighs 1.0. */
    public List<Verdict> equalWeights(List<ResolvedDecision> decisions) {
        return decisions.stream().map(d -> fuse(consensus, d, Map.of())).toList();
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

    private Verdict fuse(WeightedConsensus consensus, ResolvedDecision d, Map<String, Double> weights) {
        List<AgentOutcome> signals = d.votes().stream().<AgentOutcome>map(v -> new AgentSignal(v.agent(), "replay",
                v.signal(), v.confidence(), "", List.of(), REPLAYED)).toList();
        return synthesis.decide(consensus.fuse(signals, weights)).verdict();
    }

    private List<ScoredCall> scored(ResolvedDecision d, Verdict verdict) {
        double r = d.realizedReturn();
        return d.votes().stream().map(v -> new ScoredCall(v.agent(), v.signal(), v.confidence(), r,
                rules.isCorrect(v.signal(), r), v.signal().sign() * r,
                v.signal() == OutcomeRules.directionOf(verdict))).toList();
    }
}
