/**
 * Seed 002's peer review before a verdict leaves: the risk agent and its peers each approve or oppose a BUY or SELL,
 * and their count gives APPROVED, CAUTION (confidence or size lowered) or REJECTED (blocked: HOLD, saying why)
 * ({@link dev.quorum.orchestrator.review.RiskReview}); the review is recorded in {@code meta.review}.
 */
package dev.quorum.orchestrator.review;
