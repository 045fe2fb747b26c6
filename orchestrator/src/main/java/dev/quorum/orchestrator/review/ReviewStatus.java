package dev.quorum.orchestrator.review;

/**
 * Seed 002's review outcomes. Of the reviewers that gave a view: a strict majority approving is APPROVED, at least
 * one but no majority is CAUTION, none is REJECTED (with the seed's three reviewers: 2 or 3, 1, 0 approvals).
 */
public enum ReviewStatus {
    /** A strict majority of the reviewers with a view does not oppose the verdict. */
    APPROVED,
    /** Some reviewers approve, not a majority: the verdict stands with its confidence or size lowered. */
    CAUTION,
    /** No reviewer approves: the verdict is blocked (downgraded to HOLD), the reasoning says who opposed it. */
    REJECTED,
    /** Nothing to review (HOLD) or no reviewer gave a view (each abstained or is not on the panel). */
    NOT_REVIEWED
}
