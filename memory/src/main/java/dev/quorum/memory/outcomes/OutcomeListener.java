package dev.quorum.memory.outcomes;

/**
 * Told about each outcome after it is committed (the meta-learner trains on it, recall indexes the situation).
 * A listener that throws is logged and skipped: the outcome stays recorded.
 */
@FunctionalInterface
public interface OutcomeListener {

    void onResolved(ResolvedOutcome outcome);
}
