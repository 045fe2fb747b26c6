package dev.quorum.memory.metalearner;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A feed-forward network with one linear output, trained on the squared error of that output.
 * {@link #lossGradient} is the hand-written backpropagation; the gradient check test proves it against
 * central differences of {@link #loss} for every layer.
 */
final class MultiLayerPerceptron {

    private final List<DenseLayer> layers;

    MultiLayerPerceptron(List<DenseLayer> layers) {
        if (layers.isEmpty() || layers.get(layers.size() - 1).outputs != 1) {
            throw new IllegalArgumentException("the network must end in a single output");
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputs != layers.get(l - 1).outputs) {
                throw new IllegalArgumentException("layer " + l + " takes " + layers.get(l).inputs
                        + " inputs but layer " + (l - 1) + " produces " + layers.get(l - 1).outputs);
            }
        }
        this.layers = List.copyOf(layers);
    }

    /**
     * Glorot-uniform weights and zero biases drawn from {@code seed}: the same seed gives the same network,
     * which is what makes training runs reproducible.
     */
    static MultiLayerPerceptron initialise(int inputs, int[] hiddenSizes, Activation hidden, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DenseLayer> layers = new ArrayList<>();
        int fanIn = inputs;
        for (int l = 0; l <= hiddenSizes.length; l++) {
            boolean output = l == hiddenSizes.length;
            int fanOut = output ? 1 : hiddenSizes[l];
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            double[] weights = new double[fanIn * fanOut];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = random.nextDouble(-limit, limit);
            }
            layers.add(new DenseLayer(fanIn, fanOut, output ? Activation.LINEAR : hidden, weights, new double[fanOut]));
            fanIn = fanOut;
        }
        return new MultiLayerPerceptron(layers);
    }

    List<DenseLayer> layers() {
        return layers;
    }

    int inputWidth() {
        return layers.get(0).inputs;
    }

    double predict(double[] input) {
        checkInput(input);
        double[] a = input;
        for (DenseLayer layer : layers) {
            a = layer.activate(layer.preActivation(a));
        }
        return a[0];
    }

    /** Squared error {@code (prediction - target)^2} of one example. */
    double loss(double[] input, double target) {
        double error = predict(input) - target;
        return error * error;
    }

    /** The prediction, the loss and d loss / d parameter for every layer, by backpropagation. */
    LossGradient lossGradient(double[] input, double target) {
        checkInput(input);
        int n = layers.size();
        double[][] activations = new double[n + 1][];
        double[][] preActivations = new double[n][];
        activations[0] = input;
        for (int l = 0; l < n; l++) {
            preActivations[l] = layers.get(l).preActivation(activations[l]);
            activations[l + 1] = layers.get(l).activate(preActivations[l]);
        }
        double prediction = activations[n][0];
        double error = prediction - target;

        double[][] weightGradients = new double[n][];
        double[][] biasGradients = new double[n][];
        // delta = d loss / d z of the current layer, starting at the output: d (y - t)^2 / dy = 2 (y - t).
        double[] delta = {2.0 * error * layers.get(n - 1).activation.derivative(preActivations[n - 1][0])};
        for (int l = n - 1; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            double[] below = activations[l];
            double[] dW = new double[layer.weights.length];
            for (int o = 0; o < layer.outputs; o++) {
                int row = o * layer.inputs;
                for (int i = 0; i < layer.inputs; i++) {
                    dW[row + i] = delta[o] * below[i];
                }
            }
            weightGradients[l] = dW;
            biasGradients[l] = delta.clone();
            if (l > 0) {
                DenseLayer previous = layers.get(l - 1);
                double[] next = new double[layer.inputs];
                for (int i = 0; i < layer.inputs; i++) {
                    double sum = 0.0;
                    for (int o = 0; o < layer.outputs; o++) {
                        sum += layer.weights[o * layer.inputs + i] * delta[o];
                    }
                    next[i] = sum * previous.activation.derivative(preActivations[l - 1][i]);
                }
                delta = next;
            }
        }
        return new LossGradient(prediction, error * error, weightGradients, biasGradients);
    }

    private void checkInput(double[] input) {
        if (input.length != inputWidth()) {
            throw new IllegalArgumentException("the meta-learner network takes " + inputWidth() + " inputs ("
                    + AgentRoster.INPUTS_PER_AGENT + " per agent), got " + input.length);
        }
        for (int i = 0; i < input.length; i++) {
            if (!Double.isFinite(input[i])) {
                throw new IllegalArgumentException("meta-learner input " + i + " (agent " + i / AgentRoster.INPUTS_PER_AGENT
                        + ", field " + i % AgentRoster.INPUTS_PER_AGENT + ") is " + input[i]);
            }
        }
    }

    /** Gradients indexed like {@link #layers()}; each array has the shape of the layer's parameter array. */
    record LossGradient(double prediction, double loss, double[][] weights, double[][] biases) {
    }
}
