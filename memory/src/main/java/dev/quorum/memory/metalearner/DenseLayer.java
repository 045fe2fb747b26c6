package dev.quorum.memory.metalearner;

/**
 * A fully connected layer {@code a = f(W x + b)}. Parameters are plain arrays (weights row-major,
 * {@code outputs x inputs}) that the optimiser updates in place and checkpoints copy verbatim.
 */
final class DenseLayer {

    final int inputs;
    final int outputs;
    final Activation activation;
    final double[] weights;
    final double[] bias;

    DenseLayer(int inputs, int outputs, Activation activation, double[] weights, double[] bias) {
        if (weights.length != inputs * outputs || bias.length != outputs) {
            throw new IllegalArgumentException("layer " + inputs + "->" + outputs + " needs " + inputs * outputs
                    + " weights and " + outputs + " biases, got " + weights.length + " and " + bias.length);
        }
        this.inputs = inputs;
        this.outputs = outputs;
        this.activation = activation;
        this.weights = weights;
        this.bias = bias;
    }

    /** {@code W x + b} */
    double[] preActivation(double[] x) {
        double[] z = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            double sum = bias[o];
            int row = o * inputs;
            for (int i = 0; i < inputs; i++) {
                sum += weights[row + i] * x[i];
            }
            z[o] = sum;
        }
        return z;
    }

    double[] activate(double[] z) {
        double[] a = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            a[i] = activation.apply(z[i]);
        }
        return a;
    }
}
