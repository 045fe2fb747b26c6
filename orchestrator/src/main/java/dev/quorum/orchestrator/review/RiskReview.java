package dev.quorum.orchestrator.review;

import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.orchestrator.config.ReviewConfig;
import dev.quorum.orchestrator.synthesis.SynthesisMethod;
import dev.quorum.orchestrator.synthesis.SynthesisVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Seed 002's peer review of a BUY or SELL by the risk agent and its peers ({@code review.peers}). A reviewer does not
 * approve when its own signal points the other way (BEARISH against a BUY, BULLISH against a SELL) with at least
 * {@code cautionConfidence}; a reviewer that abstained or is absent gives no view and is not counted (a reviewer's
 * outage must not block trading). Of the n reviewers with a view, a approve:
 * <ul>
 *   <li>2a &gt; n: APPROVED, the verdict leaves as proposed;</li>
 *   <li>0 &lt; a, 2a &le; n: CAUTION, the verdict stands with its confidence (or, {@code caution: size}, the trader's
 *       size) multiplied by {@code cautionFactor};</li>
 *   <li>a = 0: REJECTED, the verdict is blocked: HOLD at the highest opposing confidence (how sure the reviewers
 *       were that acting is wrong), the reasoning naming who opposed it;</li>
 *   <li>n = 0: NOT_REVIEWED.</li>
 * </ul>
 * With the seed's three reviewers this is its rule (2 or 3 approvals, 1, 0); with the risk agent alone (the default)
 * only APPROVED and REJECTED occur. Trust weights are not applied: the review is a veto by role, not another vote.
 */
public final class RiskReview {

    private final List<String> reviewers;
    private final double cautionConfidence;
    private final ReviewConfig.Caution caution;
    private final double cautionFactor;

    public RiskReview(List<String> reviewers, double cautionConfidence, ReviewConfig.Caution caution, double cautionFactor) {
        if (!(cautionConfidence >= 0.0 && cautionConfidence <= 1.0)) {
            throw new IllegalArgumentException("caution confidence must be in [0, 1], was " + cautionConfidence);
        }
        if (!(cautionFactor >= 0.0 && cautionFactor <= 1.0)) {
            throw new IllegalArgumentException("caution factor must be in [0, 1], was " + cautionFactor);
        }
        if (reviewers.isEmpty()) {
            throw new IllegalArgumentException("a review needs at least one reviewer");
        }
        this.reviewers = List.copyOf(reviewers);
        this.cautionConfidence = cautionConfidence;
        this.caution = caution;
        this.cautionFactor = cautionFactor;
    }

    /** The risk agent reviewing alone. */
    public RiskReview(String riskAgent, double cautionConfidence) {
        this(List.of(riskAgent), cautionConfidence, ReviewConfig.Caution.CONFIDENCE, 1.0);
    }

    public static RiskReview of(ReviewConfig config) {
        return new RiskReview(config.reviewers(), config.cautionConfidence(), config.caution(), config.cautionFactor());
    }

    public ReviewResult review(SynthesisVerdict proposed, List<? extends AgentOutcome> outcomes) {
        if (proposed.verdict() == Verdict.HOLD) {
            return ReviewResult.unreviewed(proposed, "HOLD needs no review", List.of());
        }
        Direction opposing = proposed.verdict() == Verdict.BUY ? Direction.BEARISH : Direction.BULLISH;
        List<ReviewResult.Reviewer> views = new ArrayList<>();
        for (String reviewer : reviewers) {
            views.add(view(reviewer, outcomes, opposing));
        }
        List<ReviewResult.Reviewer> counted = views.stream().filter(ReviewResult.Reviewer::counted).toList();
        if (counted.isEmpty()) {
            return ReviewResult.unreviewed(proposed, "no reviewer's view: " + describe(views), views);
        }
        long approvals = counted.stream().filter(ReviewResult.Reviewer::approves).count();
        String tally = String.format(Locale.ROOT, "%d of %d reviewers approve %s (%s)", approvals, counted.size(),
                proposed.verdict(), describe(views));
        if (2 * approvals > counted.size()) {
            return new ReviewResult(ReviewStatus.APPROVED, proposed, tally, views, 1.0);
        }
        if (approvals == 0) {
            double confidence = counted.stream().mapToDouble(ReviewResult.Reviewer::confidence).max().orElseThrow();
            String note = String.format(Locale.ROOT, "REJECTED: %s blocked (HOLD), opposed at confidence >= %.2f; %s",
                    proposed.verdict(), cautionConfidence, tally);
            return new ReviewResult(ReviewStatus.REJECTED,
                    new SynthesisVerdict(Verdict.HOLD, confidence, "Held on peer review: " + note + ". " + proposed.reasoning(), SynthesisMethod.Step.REVIEW),
                    note, views, 1.0);
        }
        String lowered = caution == ReviewConfig.Caution.CONFIDENCE ? "confidence" : "size";
        String note = String.format(Locale.ROOT, "CAUTION: %s kept, %s x %.2f; %s", proposed.verdict(), lowered, cautionFactor, tally);
        if (caution == ReviewConfig.Caution.SIZE) {
            return new ReviewResult(ReviewStatus.CAUTION, proposed, note, views, cautionFactor);
        }
        return new ReviewResult(ReviewStatus.CAUTION, new SynthesisVerdict(proposed.verdict(), proposed.confidence() * cautionFactor,
                "Caution on peer review: " + note + ". " + proposed.reasoning(), SynthesisMethod.Step.REVIEW, proposed.telemetry()), note, views, 1.0);
    }

    private ReviewResult.Reviewer view(String reviewer, List<? extends AgentOutcome> outcomes, Direction opposing) {
        AgentOutcome outcome = outcomes.stream().filter(o -> o.agent().equals(reviewer)).findFirst().orElse(null);
        if (outcome == null) {
            return new ReviewResult.Reviewer(reviewer, "absent", 0.0, false);
        }
        if (!(outcome instanceof AgentSignal signal)) {
            return new ReviewResult.Reviewer(reviewer, "abstained", 0.0, false);
        }
        boolean opposes = signal.signal() == opposing && signal.confidence() >= cautionConfidence;
        return new ReviewResult.Reviewer(reviewer, signal.signal().name(), signal.confidence(), !opposes);
    }

    private static String describe(List<ReviewResult.Reviewer> views) {
        return views.stream().map(v -> v.counted()
                        ? String.format(Locale.ROOT, "%s %s %.2f %s", v.agent(), v.view(), v.confidence(), v.approves() ? "approves" : "opposes")
                        : v.agent() + " " + v.view())
                .collect(Collectors.joining(", "));
    }
}
