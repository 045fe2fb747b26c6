package dev.quorum.memory.metalearner;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary checkpoint of a meta-learner: roster, every weight and bias, the optimiser's moments and the
 * step count, as raw IEEE doubles so a restored network predicts bit for bit what the saved one did.
 * Written to a temporary file and atomically moved into place, so a crash never leaves half a checkpoint.
 */
final class CheckpointFile {

    private static final int MAGIC = 0x514D4C31; // "QML1"
    private static final int FORMAT_VERSION = 1;

    /** What a checkpoint holds. */
    record State(AgentRoster roster, long steps, MultiLayerPerceptron network, AdamOptimizer optimizer) {
    }

    private CheckpointFile() {
    }

    static void write(Path file, State state) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
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
            throw new UncheckedIOException("cannot write meta-learner checkpoint " + temporary, e);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move meta-learner checkpoint into place at " + file, e);
        }
    }

    static State read(Path file, double learningRate) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalStateException(file + " is not a Quorum meta-learner checkpoint (wrong magic number)");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalStateException(file + " has checkpoint format " + version + ", this build reads "
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
                copyInto(moments.get(l)[0], optimizer.firstMoments[2 * l], file);
                copyInto(moments.get(l)[1], optimizer.secondMoments[2 * l], file);
                copyInto(moments.get(l)[2], optimizer.firstMoments[2 * l + 1], file);
                copyInto(moments.get(l)[3], optimizer.secondMoments[2 * l + 1], file);
            }
            return new State(new AgentRoster(roster), steps, network, optimizer);
        } catch (EOFException e) {
            throw new IllegalStateException("meta-learner checkpoint " + file + " is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read meta-learner checkpoint " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("meta-learner checkpoint " + file + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static void copyInto(double[] source, double[] target, Path file) {
        if (source.length != target.length) {
            throw new IllegalStateException("meta-learner checkpoint " + file + " is corrupt: optimiser state of "
                    + source.length + " values for " + target.length + " parameters");
        }
        System.arraycopy(source, 0, target, 0, source.length);
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
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
