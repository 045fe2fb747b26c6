package dev.quorum.orchestrator.synthesis;

import dev.quorum.envelope.Verdict;

import java.util.Locale;
import java.util.Optional;

/**
 * Refuses a verdict that contradicts a strong ensemble score: a BUY while the score is at or below
 * {@code -threshold}, or a SELL while it is at or above {@code +threshold}. The refused verdict becomes HOLD with
 * confidence 0 (acting against a strongly convinced panel is exactly the LLM failure that costs money; holding is
 * the safe side) and the veto is recorded. HOLD is never refused: not acting cannot contradict a score.
 */
public final class EnsembleGuard {

    private final double threshold;

    public EnsembleGuard(double threshold) {
        if (!(threshold > 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("guard threshold must be in (0, 1], was " + threshold);
        }
        this.threshold = threshold;
    }

    /** A verdict after the guard, with the veto when it refused the proposed one. */
    public record Guarded(SynthesisVerdict verdict, Optional<String> veto) {
    }

    public Guarded check(SynthesisVerdict proposed, double ensembleScore) {
        boolean contradicts = (proposed.verdict() == Verdict.BUY && ensembleScore <= -threshold)
                || (proposed.verdict() == Verdict.SELL && ensembleScore >= threshold);
        if (!contradicts) {
            return new Guarded(proposed, Optional.empty());
        }
        String veto = String.format(Locale.ROOT, "guard refused %s (%s synthesis, confidence %.2f): ensemble score %+.3f is beyond the %.2f threshold the other way",
                proposed.verdict(), proposed.method().wire(), proposed.confidence(), ensembleScore, threshold);
        return new Guarded(new SynthesisVerdict(Verdict.HOLD, 0.0, "Held: " + veto + ".", SynthesisMethod.Step.GUARD), Optional.of(veto));
    }
}
