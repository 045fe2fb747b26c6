package dev.quorum.memory.metalearner;

/**
 * One update of the meta-learner: a point of its learning curve.
 *
 * @param step       1 for the first update ever
 * @param decisionId the decision whose outcome was learnt from
 * @param predicted  the prediction made for that decision just before the update (so it is an honest,
 *                   out-of-sample estimate of the learner's skill)
 * @param actual     the realised return
 * @param loss       {@code (predicted - actual)^2}
 */
public record TrainingStep(long step, String decisionId, double predicted, double actual, double loss) {
}
