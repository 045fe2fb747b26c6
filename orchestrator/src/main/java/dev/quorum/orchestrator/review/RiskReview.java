package dev.quorum.orchestrator.review;

import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.orchestrator.synthesis.SynthesisVerdict;

import java.util.List;
import java.util.Locale;

/**
 * The risk agent reviews a BUY or SELL: when its own signal points the other way (BEARISH against a BUY, BULLISH
 * against a SELL) with at least {@code cautionConfidence}, the verdict is downgraded to HOLD (CAUTION). The HOLD's
 * confidence is the risk view's confidence: how sure the reviewer was that acting is wrong. Its trust weight is
 * not applied: the review is a veto by role, not another vote (the vote already counted it).
 */
public final class RiskReview {

    private final String riskAgent;
    private final double cautionConfidence;

    public RiskReview(String riskAgent, double cautionConfidence) {
        if (!(cautionConfidence >= 0.0 && cautionConfidence <= 1.0)) {
            throw new IllegalArgumentException("caution confidence must be in [0, 1], was " + cautionConfidence);
        }
        this.riskAgent = riskAgent;
        this.cautionConfidence = cautionConfidence;
    }

    public ReviewResult review(SynthesisVerdict proposed, List<? extends AgentOutcome> outcomes) {
        if (proposed.verdict() == Verdict.HOLD) {
            return new ReviewResult(ReviewStatus.NOT_REVIEWED, proposed, "HOLD needs no review");
        }
        AgentSignal risk = outcomes.stream()
                .filter(o -> o.agent().equals(riskAgent))
                .filter(AgentSignal.class::isInstance).map(AgentSignal.class::cast)
                .findFirst().orElse(null);
        if (risk == null) {
            return new ReviewResult(ReviewStatus.NOT_REVIEWED, proposed, "no risk view: agent '" + riskAgent + "' did not vote");
        }
        Direction opposing = proposed.verdict() == Verdict.BUY ? Direction.BEARISH : Direction.BULLISH;
        if (risk.signal() == opposing && risk.confidence() >= cautionConfidence) {
            String note = String.format(Locale.ROOT, "CAUTION: %s downgraded to HOLD, risk view %s at confidence %.2f (>= %.2f)",
                    proposed.verdict(), risk.signal(), risk.confidence(), cautionConfidence);
            return new ReviewResult(ReviewStatus.CAUTION,
                    new SynthesisVerdict(Verdict.HOLD, risk.confidence(), "Held on risk review: " + note + ". " + proposed.reasoning(), "review"),
                    note);
        }
        return new ReviewResult(ReviewStatus.APPROVED, proposed,
                String.format(Locale.ROOT, "risk view %s at confidence %.2f does not oppose %s", risk.signal(), risk.confidence(), proposed.verdict()));
    }
}
