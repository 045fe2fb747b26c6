package dev.quorum.memory.metalearner;

import java.util.List;

/**
 * Adam (Kingma and Ba, 2015). Chosen over plain SGD because realised returns are small numbers (a few
 * percent), so raw gradients are tiny and a fixed SGD step would need tuning per universe; Adam's
 * per-parameter step normalisation makes one learning rate work. Its moments are part of a checkpoint so a
 * restored learner continues exactly where it stopped.
 */
final class AdamOptimizer {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final double learningRate;
    final double[][] firstMoments;
    final double[][] secondMoments;
    long steps;

    AdamOptimizer(double learningRate, List<DenseLayer> layers) {
        this.learningRate = learningRate;
        int parameterArrays = layers.size() * 2;
        this.firstMoments = new double[parameterArrays][];
        this.secondMoments = new double[parameterArrays][];
        for (int l = 0; l < layers.size(); l++) {
            firstMoments[2 * l] = new double[layers.get(l).weights.length];
            secondMoments[2 * l] = new double[layers.get(l).weights.length];
            firstMoments[2 * l + 1] = new double[layers.get(l).bias.length];
            secondMoments[2 * l + 1] = new double[layers.get(l).bias.length];
        }
    }

    void step(List<DenseLayer> layers, MultiLayerPerceptron.LossGradient gradient) {
        steps++;
        double correction1 = 1.0 - Math.pow(BETA1, steps);
        double correction2 = 1.0 - Math.pow(BETA2, steps);
        for (int l = 0; l < layers.size(); l++) {
            update(layers.get(l).weights, gradient.weights()[l], 2 * l, correction1, correction2);
            update(layers.get(l).bias, gradient.biases()[l], 2 * l + 1, correction1, correction2);
        }
    }

    private void update(double[] parameters, double[] gradients, int slot, double correction1, double correction2) {
        double[] m = firstMoments[slot];
        double[] v = secondMoments[slot];
        for (int i = 0; i < parameters.length; i++) {
            double g = gradients[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            parameters[i] -= learningRate * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + EPSILON);
        }
    }
}
