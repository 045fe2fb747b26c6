package dev.quorum.memory.metalearner;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proves the hand-written backpropagation against central differences, for every parameter of every layer. */
class GradientCheckTest {

    private static final double H = 1e-5;

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "RELU"})
    void should_match_central_differences_for_every_weight_and_bias_of_every_layer(Activation hidden) {
        MultiLayerPerceptron network = MultiLayerPerceptron.initialise(12, MetaLearner.HIDDEN_LAYERS, hidden, 7L);
        SplittableRandom random = new SplittableRandom(11L);
        for (int example = 0; example < 3; example++) {
            double[] input = random.doubles(12, -1.0, 2.0).toArray();
            double target = random.nextDouble(-0.1, 0.1);
            MultiLayerPerceptron.LossGradient analytic = network.lossGradient(input, target);
            List<DenseLayer> layers = network.layers();
            for (int l = 0; l < layers.size(); l++) {
                assertGradientMatches(network, input, target, layers.get(l).weights, analytic.weights()[l], "layer " + l + " weight");
                assertGradientMatches(network, input, target, layers.get(l).bias, analytic.biases()[l], "layer " + l + " bias");
            }
        }
    }

    private static void assertGradientMatches(MultiLayerPerceptron network, double[] input, double target,
                                              double[] parameters, double[] analytic, String what) {
        for (int i = 0; i < parameters.length; i++) {
            double original = parameters[i];
            parameters[i] = original + H;
            double lossPlus = network.loss(input, target);
            parameters[i] = original - H;
            double lossMinus = network.loss(input, target);
            parameters[i] = original;
            double numeric = (lossPlus - lossMinus) / (2 * H);
            double scale = Math.max(1e-7, Math.abs(numeric) + Math.abs(analytic[i]));
            double relativeError = Math.abs(numeric - analytic[i]) / scale;
            assertTrue(relativeError < 1e-5 || Math.abs(numeric - analytic[i]) < 1e-9,
                    what + " " + i + ": backprop " + analytic[i] + " vs central difference " + numeric);
        }
    }
}
