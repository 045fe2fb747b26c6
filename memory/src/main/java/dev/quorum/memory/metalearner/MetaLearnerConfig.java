package dev.quorum.memory.metalearner;

import java.util.Objects;

/**
 * How the meta-learner trains and reports.
 *
 * @param seed                draws the initial weights: the same seed and the same outcomes give the same network
 * @param learningRate        Adam's step size
 * @param hiddenActivation    of the two hidden layers (64 and 32 units); see {@link Activation#TANH} for the default
 * @param checkpointEvery     a checkpoint is written every this many updates (seed 001: 10)
 * @param fitWindow           the running loss and R² are computed over this many most recent updates
 * @param learningCurvePoints how many most recent updates the status carries for the dashboard
 */
public record MetaLearnerConfig(long seed, double learningRate, Activation hiddenActivation, int checkpointEvery,
                                int fitWindow, int learningCurvePoints) {

    public MetaLearnerConfig {
        Objects.requireNonNull(hiddenActivation, "hiddenActivation");
        if (hiddenActivation == Activation.LINEAR) {
            throw new IllegalArgumentException("hidden layers need a non-linear activation (TANH or RELU)");
        }
        if (!(learningRate > 0.0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("meta-learner learning rate must be > 0, was " + learningRate);
        }
        if (checkpointEvery < 1 || fitWindow < 2 || learningCurvePoints < 1) {
            throw new IllegalArgumentException("meta-learner checkpointEvery >= 1, fitWindow >= 2 and learningCurvePoints >= 1 "
                    + "required, were " + checkpointEvery + ", " + fitWindow + ", " + learningCurvePoints);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static MetaLearnerConfig defaults() {
        return builder().build();
    }

    public static final class Builder {
        private long seed = 42L;
        private double learningRate = 1e-3;
        private Activation hiddenActivation = Activation.TANH;
        private int checkpointEvery = 10;
        private int fitWindow = 100;
        private int learningCurvePoints = 200;

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder hiddenActivation(Activation hiddenActivation) {
            this.hiddenActivation = hiddenActivation;
            return this;
        }

        public Builder checkpointEvery(int checkpointEvery) {
            this.checkpointEvery = checkpointEvery;
            return this;
        }

        public Builder fitWindow(int fitWindow) {
            this.fitWindow = fitWindow;
            return this;
        }

        public Builder learningCurvePoints(int learningCurvePoints) {
            this.learningCurvePoints = learningCurvePoints;
            return this;
        }

        public MetaLearnerConfig build() {
            return new MetaLearnerConfig(seed, learningRate, hiddenActivation, checkpointEvery, fitWindow, learningCurvePoints);
        }
    }
}
