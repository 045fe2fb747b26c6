package dev.quorum.orchestrator.consensus;

import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.envelope.Direction;
import dev.quorum.memory.trust.AgentSkill;
import dev.quorum.memory.trust.TrustPolicy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The weighted vote of the panel.
 *
 * <p>For every agent that voted (abstentions are excluded, never counted as NEUTRAL):
 * <pre>
 *   strength_i      = trust_weight_i x confidence_i   (seed 003: vote strength; confidence_i as pooled, below)
 *   ensemble_score  = sum_i(sign_i x strength_i) / sum_i(trust_weight_i) sign: BULLISH +1, BEARISH -1, NEUTRAL 0
 * </pre>
 * so the score is the trust-weighted mean of the signed confidences and lies in [-1, 1]. Normalising by the weights
 * (not by weight x confidence, which cancels the confidences) keeps conviction: four BULLISH votes at 0.2 score
 * +0.2, four at 0.9 score +0.9, and the score is never further from 0 than the most confident voter. NEUTRAL votes
 * add to the denominator only, pulling the score toward 0 (a panel half neutral is half as convinced). When every
 * weight is 0 the score is 0.
 *
 * <p>The leading direction is the one with the largest summed strength (seed 000's weighted agreement); a tie
 * between the largest leads to NEUTRAL, as seed 000 skips ties. The agreement is the share of voters whose
 * direction is the leading one, counted per agent as in seed 003's {@code agreement_pct} (2 of 3 agree: 0.667).
 * Seed 003's example confidence (0.756) follows no formula stated there; Quorum's confidence comes from the
 * synthesis instead.
 *
 * <p>The confidence a vote counts with ({@link Pooling}): under {@code stated} pooling the agent's own; under
 * {@code calibrated} pooling a directional (BULLISH/BEARISH) vote's stated confidence is mapped through the agent's
 * calibration map as of the decision and shrunk toward the stated one ({@link AgentSkill#pooledConfidence}), so an
 * agent that says 0.9 and is right half the time counts with about 0.5, and an agent with no record (or a process
 * that learns nothing, like a worker) counts with what it stated. NEUTRAL votes keep their stated confidence: they
 * name no direction to be right about, and add to the denominator only.
 *
 * <p>An agent missing from the trust weights (new to the panel) votes with the trust policy's initial weight (1.0
 * for the seed policies, the floor for {@code beta-log-odds}: a new agent is a coin flip until it proves otherwise).
 */
public final class WeightedConsensus {

    private final int quorum;
    private final double unknownWeight;
    private final Pooling pooling;

    /** @param quorum the fewest voting agents a decision needs */
    public WeightedConsensus(int quorum) {
        this(quorum, TrustPolicy.DEFAULT_WEIGHT);
    }

    /**
     * @param quorum        the fewest voting agents a decision needs
     * @param unknownWeight the weight of an agent missing from the trust weights (the policy's initial weight)
     */
    public WeightedConsensus(int quorum, double unknownWeight) {
        this(quorum, unknownWeight, Pooling.STATED);
    }

    /**
     * @param quorum        the fewest voting agents a decision needs
     * @param unknownWeight the weight of an agent missing from the trust weights (the policy's initial weight)
     * @param pooling       which confidence a directional vote counts with
     */
    public WeightedConsensus(int quorum, double unknownWeight, Pooling pooling) {
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be at least 1, was " + quorum);
        }
        if (!(unknownWeight > 0.0) || Double.isInfinite(unknownWeight)) {
            throw new IllegalArgumentException("the weight of an unknown agent must be finite and > 0, was " + unknownWeight);
        }
        this.quorum = quorum;
        this.unknownWeight = unknownWeight;
        this.pooling = java.util.Objects.requireNonNull(pooling, "pooling");
    }

    public Pooling pooling() {
        return pooling;
    }

    /** The fused vote with no calibration evidence: every vote counts at its stated confidence. */
    public ConsensusResult fuse(List<? extends AgentOutcome> outcomes, Map<String, Double> trustWeights) {
        return fuse(outcomes, trustWeights, Map.of());
    }

    /** @param skills what each agent has proven as of the decision (read under calibrated pooling only) */
    public ConsensusResult fuse(List<? extends AgentOutcome> outcomes, Map<String, Double> trustWeights,
                                Map<String, AgentSkill> skills) {
        List<Vote> votes = new ArrayList<>();
        List<Abstention> abstentions = new ArrayList<>();
        Map<String, Double> weightsUsed = new LinkedHashMap<>();
        for (AgentOutcome outcome : outcomes) {
            double weight = trustWeights.getOrDefault(outcome.agent(), unknownWeight);
            if (!(weight >= 0.0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("trust weight of " + outcome.agent() + " must be a finite number >= 0, was " + weight);
            }
            weightsUsed.put(outcome.agent(), weight);
            if (outcome instanceof AgentSignal signal) {
                votes.add(new Vote(signal.agent(), signal.signal(), weight, signal.confidence(), counted(signal, skills)));
            } else {
                abstentions.add((Abstention) outcome);
            }
        }

        Map<Direction, Double> strengthByDirection = new EnumMap<>(Direction.class);
        Map<Direction, Integer> countByDirection = new EnumMap<>(Direction.class);
        for (Direction d : Direction.values()) {
            strengthByDirection.put(d, 0.0);
            countByDirection.put(d, 0);
        }
        double totalStrength = 0.0;
        double totalWeight = 0.0;
        double signedStrength = 0.0;
        for (Vote vote : votes) {
            totalWeight += vote.weight();
            strengthByDirection.merge(vote.direction(), vote.strength(), Double::sum);
            countByDirection.merge(vote.direction(), 1, Integer::sum);
            totalStrength += vote.strength();
            signedStrength += vote.direction().sign() * vote.strength();
        }
        double score = totalWeight > 0.0 ? signedStrength / totalWeight : 0.0;
        // Guard against floating drift past the bounds the wire contract enforces.
        score = Math.max(-1.0, Math.min(1.0, score));

        Direction leading = leading(strengthByDirection, votes.isEmpty());
        long agreeing = votes.stream().filter(v -> v.direction() == leading).count();
        double agreement = votes.isEmpty() ? 0.0 : (double) agreeing / votes.size();

        Map<Direction, VoteShare> distribution = new EnumMap<>(Direction.class);
        for (Direction d : Direction.values()) {
            double share = totalStrength > 0.0 ? strengthByDirection.get(d) / totalStrength : 0.0;
            distribution.put(d, new VoteShare(countByDirection.get(d), share));
        }

        Optional<String> degraded = Optional.empty();
        if (votes.size() < quorum) {
            degraded = Optional.of("quorum not met: " + votes.size() + " of " + outcomes.size() + " agents voted, "
                    + quorum + " needed" + abstainedList(abstentions));
        }
        return new ConsensusResult(score, leading, agreement, distribution, votes, abstentions, weightsUsed, quorum, degraded, pooling);
    }

    private double counted(AgentSignal signal, Map<String, AgentSkill> skills) {
        AgentSkill skill = skills.get(signal.agent());
        if (pooling == Pooling.STATED || signal.signal() == Direction.NEUTRAL || skill == null) {
            return signal.confidence();
        }
        return skill.pooledConfidence(signal.confidence());
    }

    private static Direction leading(Map<Direction, Double> strengthByDirection, boolean noVotes) {
        if (noVotes) {
            return Direction.NEUTRAL;
        }
        Direction best = Direction.NEUTRAL;
        double bestStrength = -1.0;
        boolean tie = false;
        for (Direction d : List.of(Direction.BULLISH, Direction.BEARISH, Direction.NEUTRAL)) {
            double s = strengthByDirection.get(d);
            if (s > bestStrength) {
                best = d;
                bestStrength = s;
                tie = false;
            } else if (s == bestStrength) {
                tie = true;
            }
        }
        return tie ? Direction.NEUTRAL : best;
    }

    private static String abstainedList(List<Abstention> abstentions) {
        if (abstentions.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("; abstained: ");
        for (int i = 0; i < abstentions.size(); i++) {
            Abstention a = abstentions.get(i);
            sb.append(i == 0 ? "" : ", ").append(a.agent()).append(" (").append(a.category().name().toLowerCase(java.util.Locale.ROOT)).append(')');
        }
        return sb.toString();
    }
}
