package dev.quorum.memory.outcomes;

/**
 * An outcome or feedback payload that is refused, naming the field at fault ({@code decision_id},
 * {@code agent_votes.technical.direction}, ...). Nothing was stored.
 */
public final class OutcomeRejectedException extends RuntimeException {

    private final String field;

    public OutcomeRejectedException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The payload field at fault. */
    public String field() {
        return field;
    }
}
