package dev.quorum.orchestrator.review;

import dev.quorum.orchestrator.synthesis.SynthesisVerdict;

import java.util.List;

/**
 * The verdict after review.
 *
 * @param verdict    the verdict that leaves (the reviewed one, its CAUTION-lowered copy, or the HOLD a REJECTED
 *                   one was downgraded to)
 * @param note       why, for {@code meta.review}
 * @param reviews    each reviewer's view, in the configured order
 * @param sizeFactor what the trader multiplies the position by ({@code review.caution: size}); 1 otherwise
 */
public record ReviewResult(ReviewStatus status, SynthesisVerdict verdict, String note, List<Reviewer> reviews,
                           double sizeFactor) {

    public ReviewResult {
        reviews = List.copyOf(reviews);
    }

    /** A result with no reviewer's view (HOLD). */
    static ReviewResult unreviewed(SynthesisVerdict verdict, String note, List<Reviewer> reviews) {
        return new ReviewResult(ReviewStatus.NOT_REVIEWED, verdict, note, reviews, 1.0);
    }

    /**
     * One reviewer's view.
     *
     * @param agent      the reviewer
     * @param view       its signal (BULLISH/BEARISH/NEUTRAL), or {@code abstained} / {@code absent}
     * @param confidence its confidence, 0 without a view
     * @param approves   whether it approves (false for a reviewer without a view, which is not counted)
     */
    public record Reviewer(String agent, String view, double confidence, boolean approves) {

        boolean counted() {
            return !view.equals("abstained") && !view.equals("absent");
        }
    }
}
