package dev.quorum.memory.metalearner;

/** Element-wise activation of a layer, with the derivative backpropagation needs. */
public enum Activation {
    /**
     * The default for hidden layers: smooth and bounded. With few, small online samples ReLU units that
     * die (stuck at zero) do not come back, and ReLU's kink at 0 also makes finite-difference gradient
     * checks flaky; tanh has neither problem.
     */
    TANH,
    RELU,
    /** The output layer: the predicted return is unbounded and signed. */
    LINEAR;

    double apply(double z) {
        return switch (this) {
            case TANH -> Math.tanh(z);
            case RELU -> Math.max(0.0, z);
            case LINEAR -> z;
        };
    }

    /** d apply / dz at pre-activation {@code z}. */
    double derivative(double z) {
        return switch (this) {
            case TANH -> {
                double t = Math.tanh(z);
                yield 1.0 - t * t;
            }
            case RELU -> z > 0.0 ? 1.0 : 0.0;
            case LINEAR -> 1.0;
        };
    }
}
