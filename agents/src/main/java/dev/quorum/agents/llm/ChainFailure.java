package dev.quorum.agents.llm;

/** A failure the chain raises itself (budget spent, invalid output, model skipped), already classified. */
final class ChainFailure extends RuntimeException {

    private final FailureKind kind;

    ChainFailure(FailureKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    FailureKind kind() {
        return kind;
    }
}
