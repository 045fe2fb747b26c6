package dev.quorum.orchestrator.review;

/** Seed 002's review results, as far as one risk reviewer can give them. */
public enum ReviewStatus {
    /** The risk view does not oppose the verdict. */
    APPROVED,
    /** The risk view opposes the verdict with enough confidence: it was downgraded to HOLD. */
    CAUTION,
    /** Nothing to review (HOLD) or no risk view (the risk agent abstained or is not on the panel). */
    NOT_REVIEWED
}
