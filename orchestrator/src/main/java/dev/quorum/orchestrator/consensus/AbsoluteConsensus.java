package dev.quorum.orchestrator.consensus;

import dev.quorum.envelope.Direction;

import java.util.Locale;

/**
 * Seed 000's absolute weighted-consensus rule ({@code consensus.mode: absolute}), beside the normalised score of
 * {@link WeightedConsensus}: act only when the summed trust weight of the voters agreeing on a direction reaches
 * {@code consensus_threshold} (3.0 in the seed: three agents at the initial weight 1.0 of five), and that direction
 * outweighs the other; a tie between the two is skipped, as the seed skips it.
 *
 * <pre>
 *   bullish_weight = sum of w_i over BULLISH voters     bearish_weight = sum of w_i over BEARISH voters
 *   act BULLISH when bullish_weight >= threshold and bullish_weight > bearish_weight (BEARISH the same way round)
 * </pre>
 * The seed sums weights, not weight x confidence: a vote counts whole, however sure its agent is. NEUTRAL votes and
 * abstentions add to neither side. With the seed's weights (0.5 + win rate, {@code trust.policy: win-rate}) three
 * untried agents (1.0 each) reach 3.0, five agents at 0.5 win rate 0 do not (2.5).
 *
 * <p>The confidence of an action is the agreeing side's strength over the voters' summed weight,
 * {@code sum(w_i x c_i | agreeing) / sum(w_i | all voters)}: the normalised score counting only the agreeing votes, so
 * it is never above the most confident voter and is the ensemble score itself when the panel is unanimous.
 */
public final class AbsoluteConsensus {

    /** Seed 000's {@code weighted_consensus_threshold}. */
    public static final double SEED_THRESHOLD = 3.0;

    private final double threshold;

    public AbsoluteConsensus(double threshold) {
        if (!(threshold > 0.0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("consensus threshold must be finite and > 0, was " + threshold);
        }
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    /**
     * The weights of one fused vote against the threshold.
     *
     * @param bullishWeight   summed trust weight of the BULLISH voters
     * @param bearishWeight   summed trust weight of the BEARISH voters
     * @param reached         the direction the rule acts on; NEUTRAL when neither side reached the threshold or on a tie
     * @param confidence      the reached side's strength over all voters' weight; 0 when none was reached
     */
    public record Tally(double bullishWeight, double bearishWeight, double threshold, Direction reached, double confidence) {

        /** One line for the reasoning and meta, e.g. {@code bullish weight 3.50, bearish 1.00, threshold 3.0}. */
        public String describe() {
            return String.format(Locale.ROOT, "bullish weight %.2f, bearish %.2f, threshold %.2f", bullishWeight, bearishWeight, threshold);
        }
    }

    public Tally tally(ConsensusResult consensus) {
        double bullish = 0.0;
        double bearish = 0.0;
        double bullishStrength = 0.0;
        double bearishStrength = 0.0;
        double totalWeight = 0.0;
        for (Vote vote : consensus.votes()) {
            totalWeight += vote.weight();
            if (vote.direction() == Direction.BULLISH) {
                bullish += vote.weight();
                bullishStrength += vote.strength();
            } else if (vote.direction() == Direction.BEARISH) {
                bearish += vote.weight();
                bearishStrength += vote.strength();
            }
        }
        Direction reached = Direction.NEUTRAL;
        if (bullish >= threshold && bullish > bearish) {
            reached = Direction.BULLISH;
        } else if (bearish >= threshold && bearish > bullish) {
            reached = Direction.BEARISH;
        }
        double strength = reached == Direction.BULLISH ? bullishStrength : reached == Direction.BEARISH ? bearishStrength : 0.0;
        double confidence = totalWeight > 0.0 ? Math.min(1.0, strength / totalWeight) : 0.0;
        return new Tally(bullish, bearish, threshold, reached, confidence);
    }
}
