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
 * <p>The same confidences bound every synthesis ({@link #bound}): the cycle applies them after the guard, so the LLM
 * synthesis may weigh the votes differently but never claim more than the score supports. An action is capped at the
 * score's support on its side ({@code max(0, s)} for BUY, {@code max(0, -s)} for SELL), a HOLD at the rules' HOLD
 * confidence; an action the score supports not at all (BUY with {@code s <= 0}, SELL with {@code s >= 0}) is held
 * at confidence 0, as the guard holds a strong contradiction: nothing in the evidence vouches for it.
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
                    SynthesisMethod.Step.QUORUM_NOT_MET);
        }
        if (absolute.isPresent()) {
            return decideAbsolute(absolute.get().tally(consensus));
        }
        double s = consensus.ensembleScore();
        String score = String.format(Locale.ROOT, "%+.3f", s);
        String agreement = String.format(Locale.ROOT, "%.0f%%", consensus.agreement() * 100);
        if (s > actThreshold) {
            return new SynthesisVerdict(Verdict.BUY, Math.abs(s), "Weighted panel is bullish (ensemble " + score
                    + ", " + agreement + " agreement), above the +" + actThreshold + " threshold.", SynthesisMethod.Step.RULES);
        }
        if (s < -actThreshold) {
            return new SynthesisVerdict(Verdict.SELL, Math.abs(s), "Weighted panel is bearish (ensemble " + score
                    + ", " + agreement + " agreement), below the -" + actThreshold + " threshold.", SynthesisMethod.Step.RULES);
        }
        return new SynthesisVerdict(Verdict.HOLD, supported(Verdict.HOLD, s), "Weighted panel is undecided (ensemble "
                + score + ", " + agreement + " agreement), inside +/-" + actThreshold + ".", SynthesisMethod.Step.RULES);
    }

    private static SynthesisVerdict decideAbsolute(AbsoluteConsensus.Tally tally) {
        if (tally.reached() == Direction.BULLISH) {
            return new SynthesisVerdict(Verdict.BUY, tally.confidence(), "Absolute weighted consensus is bullish ("
                    + tally.describe() + ").", SynthesisMethod.Step.RULES);
        }
        if (tally.reached() == Direction.BEARISH) {
            return new SynthesisVerdict(Verdict.SELL, tally.confidence(), "Absolute weighted consensus is bearish ("
                    + tally.describe() + ").", SynthesisMethod.Step.RULES);
        }
        double confidence = 1.0 - Math.max(tally.bullishWeight(), tally.bearishWeight()) / tally.threshold();
        return new SynthesisVerdict(Verdict.HOLD, Math.max(0.0, Math.min(1.0, confidence)),
                "No absolute weighted consensus (" + tally.describe() + ").", SynthesisMethod.Step.RULES);
    }

    /** The most confidence an ensemble score {@code s} supports for a verdict: what the rules would give it. */
    public double supported(Verdict verdict, double s) {
        return switch (verdict) {
            case BUY -> Math.max(0.0, s);
            case SELL -> Math.max(0.0, -s);
            case HOLD -> Math.max(0.0, Math.min(1.0, actThreshold == 0.0 ? (s == 0.0 ? 1.0 : 0.0) : 1.0 - Math.abs(s) / actThreshold));
        };
    }

    /** A verdict after the evidence bound, with what the bound did to it when it did anything. */
    public record Bounded(SynthesisVerdict verdict, Optional<String> note) {
    }

    /**
     * The proposed verdict bounded by what the fused vote supports: under seed 000's absolute rule, what that rule
     * gives (the rule's own action at the tally's confidence, HOLD at the rule's HOLD confidence, anything else
     * nothing), so the bound never overrules the configured rule; otherwise {@link #bound(SynthesisVerdict, double)}
     * on the ensemble score.
     */
    public Bounded bound(SynthesisVerdict proposed, ConsensusResult consensus) {
        if (absolute.isEmpty() || !consensus.quorumMet()) {
            return bound(proposed, consensus.ensembleScore());
        }
        SynthesisVerdict rule = decideAbsolute(absolute.get().tally(consensus));
        double cap = proposed.verdict() == rule.verdict() ? rule.confidence() : 0.0;
        return capped(proposed, cap, "seed 000's absolute rule (" + rule.verdict() + " " + String.format(Locale.ROOT, "%.3f", rule.confidence()) + ")");
    }

    /**
     * The proposed verdict bounded by what the ensemble score supports ({@link #supported}): unchanged when within it,
     * its confidence capped when above, HOLD at confidence 0 when it acts where the score supports no action that way.
     */
    public Bounded bound(SynthesisVerdict proposed, double s) {
        return capped(proposed, supported(proposed.verdict(), s), String.format(Locale.ROOT, "the ensemble score %+.3f", s));
    }

    /** {@code proposed} with its confidence at most {@code cap}, what {@code evidence} supports; an unsupported action held. */
    private static Bounded capped(SynthesisVerdict proposed, double cap, String evidence) {
        if (proposed.confidence() <= cap) {
            return new Bounded(proposed, Optional.empty());
        }
        String said = String.format(Locale.ROOT, "%s synthesis said %s %.2f", proposed.method().wire(), proposed.verdict(), proposed.confidence());
        if (proposed.verdict() != Verdict.HOLD && cap == 0.0) {
            String note = String.format(Locale.ROOT, "%s against %s: held at confidence 0", said, evidence);
            return new Bounded(new SynthesisVerdict(Verdict.HOLD, 0.0, "Held: " + note + ". " + proposed.reasoning(), SynthesisMethod.Step.BOUND,
                    proposed.telemetry()), Optional.of(note));
        }
        String note = String.format(Locale.ROOT, "%s; confidence capped at %.3f, what %s supports", said, cap, evidence);
        return new Bounded(new SynthesisVerdict(proposed.verdict(), cap, proposed.reasoning(), proposed.method(), proposed.telemetry()),
                Optional.of(note));
    }
}
