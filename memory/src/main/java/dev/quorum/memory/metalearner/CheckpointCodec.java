package dev.quorum.memory.metalearner;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary checkpoint of a meta-learner: roster, every weight and bias, the optimiser's moments and the
 * step count, as raw IEEE doubles so a restored network predicts bit for bit what the saved one did.
 */
final class CheckpointCodec {

    private static final int MAGIC = 0x514D4C31; // "QML1"
    private static final int FORMAT_VERSION = 1;

    /** What a checkpoint holds. */
    record State(AgentRoster roster, long steps, MultiLayerPerceptron network, AdamOptimizer optimizer) {
    }

    private CheckpointCodec() {
    }

    static byte[] encode(State state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(state.roster().agents().size());
            for (String agent : state.roster().agents()) {
                out.writeUTF(agent);
            }
            out.writeLong(state.steps());
            out.writeLong(state.optimizer().steps);
            List<DenseLayer> layers = state.network().layers();
            out.writeInt(layers.size());
            for (int l = 0; l < layers.size(); l++) {
                DenseLayer layer = layers.get(l);
                out.writeInt(layer.inputs);
                out.writeInt(layer.outputs);
                out.writeUTF(layer.activation.name());
                writeDoubles(out, layer.weights);
                writeDoubles(out, layer.bias);
                writeDoubles(out, state.optimizer().firstMoments[2 * l]);
                writeDoubles(out, state.optimizer().secondMoments[2 * l]);
                writeDoubles(out, state.optimizer().firstMoments[2 * l + 1]);
                writeDoubles(out, state.optimizer().secondMoments[2 * l + 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a meta-learner checkpoint", e);
        }
        return bytes.toByteArray();
    }

    /**
     * A deep copy of {@code state}: what {@code decode(encode(state))} gives, without the bytes (the state an update
     * may have to go back to, taken before every update: encoding it was a tenth of a batched backtest's CPU).
     */
    static State copy(State state, double learningRate) {
        List<DenseLayer> layers = new ArrayList<>();
        for (DenseLayer layer : state.network().layers()) {
            layers.add(new DenseLayer(layer.inputs, layer.outputs, layer.activation, layer.weights.clone(), layer.bias.clone()));
        }
        MultiLayerPerceptron network = new MultiLayerPerceptron(layers);
        AdamOptimizer optimizer = new AdamOptimizer(learningRate, network.layers());
        optimizer.steps = state.optimizer().steps;
        for (int slot = 0; slot < optimizer.firstMoments.length; slot++) {
            System.arraycopy(state.optimizer().firstMoments[slot], 0, optimizer.firstMoments[slot], 0, optimizer.firstMoments[slot].length);
            System.arraycopy(state.optimizer().secondMoments[slot], 0, optimizer.secondMoments[slot], 0, optimizer.secondMoments[slot].length);
        }
        return new State(state.roster(), state.steps(), network, optimizer);
    }

    /** @param source names the checkpoint in errors, e.g. {@code metalearner_checkpoints step 20} */
    static State decode(byte[] checkpoint, String source, double learningRate) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalStateException(source + " is not a Quorum meta-learner checkpoint (wrong magic number)");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalStateException(source + " has checkpoint format " + version + ", this build reads "
                        + FORMAT_VERSION);
            }
            int agents = in.readInt();
            List<String> roster = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                roster.add(in.readUTF());
            }
            long steps = in.readLong();
            long optimizerSteps = in.readLong();
            int layerCount = in.readInt();
            List<DenseLayer> layers = new ArrayList<>();
            List<double[][]> moments = new ArrayList<>();
            for (int l = 0; l < layerCount; l++) {
                int inputs = in.readInt();
                int outputs = in.readInt();
                Activation activation = Activation.valueOf(in.readUTF());
                double[] weights = readDoubles(in);
                double[] bias = readDoubles(in);
                layers.add(new DenseLayer(inputs, outputs, activation, weights, bias));
                moments.add(new double[][]{readDoubles(in), readDoubles(in), readDoubles(in), readDoubles(in)});
            }
            MultiLayerPerceptron network = new MultiLayerPerceptron(layers);
            AdamOptimizer optimizer = new AdamOptimizer(learningRate, network.layers());
            optimizer.steps = optimizerSteps;
            for (int l = 0; l < layerCount; l++) {
                copyInto(moments.get(l)[0], optimizer.firstMoments[2 * l], source);
                copyInto(moments.get(l)[1], optimizer.secondMoments[2 * l], source);
                copyInto(moments.get(l)[2], optimizer.firstMoments[2 * l + 1], source);
                copyInto(moments.get(l)[3], optimizer.secondMoments[2 * l + 1], source);
            }
            // The slots are the first layer's width: a seed-layout network has more inputs than its roster fills.
            return new State(new AgentRoster(roster, layers.get(0).inputs / AgentRoster.INPUTS_PER_AGENT), steps, network, optimizer);
        } catch (EOFException e) {
            throw new IllegalStateException(source + " is a truncated meta-learner checkpoint", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read meta-learner checkpoint " + source, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is a corrupt meta-learner checkpoint: " + e.getMessage(), e);
        }
    }

    private static void copyInto(double[] values, double[] target, String source) {
        if (values.length != target.length) {
            throw new IllegalStateException(source + " is a corrupt meta-learner checkpoint: optimiser state of "
                    + values.length + " values for " + target.length + " parameters");
        }
        System.arraycopy(values, 0, target, 0, values.length);
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        // The bytes writeDouble writes (big-endian doubleToLongBits), in one write: a value at a time made encoding
        // a quarter of a backtest's time.
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES);
        for (double v : values) {
            buffer.putLong(Double.doubleToLongBits(v));
        }
        out.write(buffer.array());
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000_000) {
            throw new IllegalArgumentException("implausible array length " + n);
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}
