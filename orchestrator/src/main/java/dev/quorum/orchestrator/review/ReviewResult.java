package dev.quorum.orchestrator.review;

import dev.quorum.orchestrator.synthesis.SynthesisVerdict;

/**
 * The verdict after review.
 *
 * @param verdict the verdict that leaves (the reviewed one, or the HOLD it was downgraded to)
 * @param note    why, for {@code meta.review}
 */
public record ReviewResult(ReviewStatus status, SynthesisVerdict verdict, String note) {
}
