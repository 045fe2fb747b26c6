package dev.quorum.memory.outcomes;

/**
 * An outcome or feedback payload that is refused, naming the field at fault ({@code decision_id},
 * {@code agent_votes.technical.direction}, ...). Nothing was stored.
 */
public final class OutcomeRejectedException extends RuntimeException {

    /** Why it was refused, for callers that answer differently (HTTP 404, 409, 400). */
    public enum Reason {
        /** No decision with that id. */
        UNKNOWN_DECISION,
        /** The decision has its outcome already: one outcome per decision. */
        ALREADY_RESOLVED,
        /** The payload itself is wrong (missing, malformed, inconsistent with the decision). */
        INVALID
    }

    private final String field;
    private final Reason reason;

    public OutcomeRejectedException(String field, String problem) {
        this(Reason.INVALID, field, problem);
    }

    public OutcomeRejectedException(Reason reason, String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The payload field at fault. */
    public String field() {
        return field;
    }
}
