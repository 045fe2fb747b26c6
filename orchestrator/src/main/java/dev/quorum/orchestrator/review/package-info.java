/**
 * Seed 002's peer review before a verdict leaves: the risk view may downgrade a BUY or SELL to HOLD
 * ({@link dev.quorum.orchestrator.review.ReviewStatus#CAUTION}); the review is recorded in {@code meta}.
 */
package dev.quorum.orchestrator.review;
