package dev.quorum.envelope;

/**
 * A value that the v1 contract does not allow (out of bounds, NaN/Infinity, missing, wrong type). The
 * message starts with the wire path of the offending field, e.g.
 * {@code decision.agent_signals[1].confidence must be within [0, 1], got 1.2}.
 */
public final class InvalidEnvelopeException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public InvalidEnvelopeException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** The wire path of the offending field, e.g. {@code decision.synthesis.confidence}. */
    public String field() {
        return field;
    }

    /** The same problem, seen from the enclosing object {@code parent} (a wire path itself). */
    public InvalidEnvelopeException within(String parent) {
        InvalidEnvelopeException moved = new InvalidEnvelopeException(parent + "." + field, problem);
        moved.setStackTrace(getStackTrace());
        return moved;
    }
}
