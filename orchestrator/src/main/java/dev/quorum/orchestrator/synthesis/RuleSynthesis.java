package dev.quorum.orchestrator.synthesis;

import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.orchestrator.consensus.AbsoluteConsensus;
import dev.quorum.orchestrator.consensus.ConsensusResult;

import java.util.Locale;
import java.util.Optional;

/**
 * The documented rule synthesis, used alone ({@code synthesis.backend: rules}) or when the LLM synthesis fails.
 * With {@code t = act_threshold} and {@code s} the ensemble score:
 * <ul>
 *   <li>quorum not met: HOLD, confidence 0 (nothing to act on);</li>
 *   <li>{@code s > t}: BUY, confidence {@code |s|};</li>
 *   <li>{@code s < -t}: SELL, confidence {@code |s|};</li>
 *   <li>otherwise HOLD, confidence {@code 1 - |s| / t}: a score of 0 is a confident hold, one near the threshold
 *       barely one ({@code t = 0}: confidence 1 only at s = 0).</li>
 * </ul>
 * The confidence of an action is the ensemble score itself because it already is the trust-weighted mean of the
 * voters' signed confidences; nothing else is known to the rules. So the rules (alone or as the LLM synthesis's
 * fallback) are never more confident than the most confident voter: four BULLISH votes at 0.2 give at most a weak
 * BUY 0.2 (a HOLD below the threshold), never BUY 1.00.
 *
 * <p>With seed 000's absolute rule ({@code consensus.mode: absolute}, {@link AbsoluteConsensus}) the act threshold
 * gives way to it: BUY (SELL) when the BULLISH (BEARISH) voters' summed weight reaches {@code consensus_threshold}
 * and outweighs the other side, confidence the tally's; otherwise HOLD, confidence {@code 1 - max(side weight) /
 * consensus_threshold} (0 on a tie at or above it).
 */
public final class RuleSynthesis implements Synthesiser {

    private final double actThreshold;
    private final Optional<AbsoluteConsensus> absolute;

    public RuleSynthesis(double actThreshold) {
        this(actThreshold, Optional.empty());
    }

    /** @param absolute seed 000's rule, which then decides instead of the act threshold */
    public RuleSynthesis(double actThreshold, Optional<AbsoluteConsensus> absolute) {
        if (!(actThreshold >= 0.0 && actThreshold < 1.0)) {
            throw new IllegalArgumentException("act threshold must be in [0, 1), was " + actThreshold);
        }
        this.actThreshold = actThreshold;
        this.absolute = absolute;
    }

    @Override
    public SynthesisVerdict synthesise(SynthesisRequest request) {
        return decide(request.consensus());
    }

    /** The rule verdict for a fused vote. */
    public SynthesisVerdict decide(ConsensusResult consensus) {
        if (!consensus.quorumMet()) {
            return new SynthesisVerdict(Verdict.HOLD, 0.0, "No verdict: " + consensus.degraded().orElseThrow() + ".",
                    "quorum-not-met");
        }
        if (absolute.isPresent()) {
            return decideAbsolute(absolute.get().tally(consensus));
        }
        double s = consensus.ensembleScore();
        String score = String.format(Locale.ROOT, "%+.3f", s);
        String agreement = String.format(Locale.ROOT, "%.0f%%", consensus.agreement() * 100);
        if (s > actThreshold) {
            return new SynthesisVerdict(Verdict.BUY, Math.abs(s), "Weighted panel is bullish (ensemble " + score
                    + ", " + agreement + " agreement), above the +" + actThreshold + " threshold.", "rules");
        }
        if (s < -actThreshold) {
            return new SynthesisVerdict(Verdict.SELL, Math.abs(s), "Weighted panel is bearish (ensemble " + score
                    + ", " + agreement + " agreement), below the -" + actThreshold + " threshold.", "rules");
        }
        double confidence = actThreshold == 0.0 ? (s == 0.0 ? 1.0 : 0.0) : 1.0 - Math.abs(s) / actThreshold;
        return new SynthesisVerdict(Verdict.HOLD, Math.max(0.0, Math.min(1.0, confidence)), "Weighted panel is undecided (ensemble "
                + score + ", " + agreement + " agreement), inside +/-" + actThreshold + ".", "rules");
    }

    private static SynthesisVerdict decideAbsolute(AbsoluteConsensus.Tally tally) {
        if (tally.reached() == Direction.BULLISH) {
            return new SynthesisVerdict(Verdict.BUY, tally.confidence(), "Absolute weighted consensus is bullish ("
                    + tally.describe() + ").", "rules");
        }
        if (tally.reached() == Direction.BEARISH) {
            return new SynthesisVerdict(Verdict.SELL, tally.confidence(), "Absolute weighted consensus is bearish ("
                    + tally.describe() + ").", "rules");
        }
        double confidence = 1.0 - Math.max(tally.bullishWeight(), tally.bearishWeight()) / tally.threshold();
        return new SynthesisVerdict(Verdict.HOLD, Math.max(0.0, Math.min(1.0, confidence)),
                "No absolute weighted consensus (" + tally.describe() + ").", "rules");
    }
}
