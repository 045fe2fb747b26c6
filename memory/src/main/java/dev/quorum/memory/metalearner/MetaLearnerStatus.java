package dev.quorum.memory.metalearner;

import java.util.List;

/**
 * What the HTTP status endpoint and the dashboard show about the meta-learner.
 *
 * @param steps              updates so far
 * @param runningLoss        mean squared error over the last {@code window} updates; null before the first
 * @param rSquared           R² of the pre-update predictions over the window; null while undefined (fewer than
 *                           two updates, or all actual returns equal)
 * @param window             how many updates {@code runningLoss} and {@code rSquared} cover now
 * @param lastCheckpointStep the step of the last checkpoint written or restored, 0 if none
 * @param learningCurve      the most recent updates, oldest first
 */
public record MetaLearnerStatus(long steps, Double runningLoss, Double rSquared, int window, long lastCheckpointStep,
                                List<TrainingStep> learningCurve) {

    public MetaLearnerStatus {
        learningCurve = List.copyOf(learningCurve);
    }
}
