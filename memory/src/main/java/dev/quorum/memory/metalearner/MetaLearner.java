package dev.quorum.memory.metalearner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The seed 001 meta-learner: an online MLP ({@code 3 x agents -> 64 -> 32 -> 1}) predicting a decision's
 * realised return from the panel's votes, trained by Adam on the squared error of each resolved outcome.
 *
 * <p>Call {@link #predict} before a decision (record the value with it so the learner's skill can be judged),
 * {@link #train} once its outcome resolves, {@link #status} for the status endpoint and the dashboard.
 * Opened on a directory, it writes a checkpoint every {@link MetaLearnerConfig#checkpointEvery()} updates and
 * appends every update to the training log there; reopening restores the checkpoint and replays the updates
 * logged after it. Deterministic: the same seed and the same outcomes give the same predictions. Thread-safe.
 */
public final class MetaLearner {

    static final int[] HIDDEN_LAYERS = {64, 32};
    /**
     * The network works in percent: returns are a few hundredths, and on that scale the output sits far
     * below the noise of each Adam step (the learner never settles); in percent the targets are of order 1
     * like the network's initial outputs. Predictions and logged losses are in return units.
     */
    static final double PERCENT = 100.0;
    static final String CHECKPOINT_FILE = "metalearner.ckpt";
    static final String TRAINING_LOG_FILE = "training-log.csv";

    private final AgentRoster roster;
    private final MetaLearnerConfig config;
    private final MultiLayerPerceptron network;
    private final AdamOptimizer optimizer;
    private final RunningFit fit;
    private final Optional<Path> directory;
    private final Optional<TrainingLog> log;
    private long steps;
    private long lastCheckpointStep;

    private MetaLearner(AgentRoster roster, MetaLearnerConfig config, CheckpointFile.State state, Path directory) {
        this.roster = roster;
        this.config = config;
        this.network = state.network();
        this.optimizer = state.optimizer();
        this.steps = state.steps();
        this.lastCheckpointStep = state.steps();
        this.fit = new RunningFit(config.fitWindow(), config.learningCurvePoints());
        this.directory = Optional.ofNullable(directory);
        this.log = this.directory.map(d -> new TrainingLog(d.resolve(TRAINING_LOG_FILE)));
    }

    /** A learner that keeps nothing on disk (tests, experiments). */
    public static MetaLearner inMemory(AgentRoster roster, MetaLearnerConfig config) {
        return new MetaLearner(roster, config, fresh(roster, config), null);
    }

    /**
     * A learner persisted in {@code directory} (created if missing): restored from its checkpoint and training
     * log when they exist, fresh otherwise.
     *
     * @throws IllegalStateException when the checkpoint was trained for another roster, or a file is corrupt
     */
    public static MetaLearner open(Path directory, AgentRoster roster, MetaLearnerConfig config) {
        Objects.requireNonNull(roster, "roster");
        Objects.requireNonNull(config, "config");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the meta-learner directory " + directory, e);
        }
        Path checkpoint = directory.resolve(CHECKPOINT_FILE);
        CheckpointFile.State state = Files.exists(checkpoint)
                ? CheckpointFile.read(checkpoint, config.learningRate())
                : fresh(roster, config);
        if (!state.roster().equals(roster)) {
            throw new IllegalStateException("meta-learner checkpoint " + checkpoint + " was trained for agents "
                    + state.roster().agents() + " but the configured roster is " + roster.agents()
                    + "; move the directory aside to start a new learner");
        }
        MetaLearner learner = new MetaLearner(roster, config, state, directory);
        learner.replayLog();
        return learner;
    }

    private static CheckpointFile.State fresh(AgentRoster roster, MetaLearnerConfig config) {
        MultiLayerPerceptron network = MultiLayerPerceptron.initialise(roster.inputWidth(), HIDDEN_LAYERS,
                config.hiddenActivation(), config.seed());
        return new CheckpointFile.State(roster, 0, network, new AdamOptimizer(config.learningRate(), network.layers()));
    }

    /** Rebuilds the running fit from the log and re-applies the updates the checkpoint does not contain. */
    private void replayLog() {
        TrainingLog trainingLog = log.orElseThrow();
        for (TrainingLog.Entry entry : trainingLog.readAll()) {
            long step = entry.step().step();
            if (step <= steps) {
                fit.record(entry.step());
            } else if (step == steps + 1) {
                if (entry.input().length != roster.inputWidth()) {
                    throw new IllegalStateException(trainingLog.file() + " step " + step + " has " + entry.input().length
                            + " inputs, the roster " + roster.agents() + " needs " + roster.inputWidth());
                }
                update(entry.step().decisionId(), entry.input(), entry.step().actual());
            } else {
                throw new IllegalStateException(trainingLog.file() + " jumps from step " + steps + " to " + step
                        + "; the log and the checkpoint do not belong together");
            }
        }
    }

    public AgentRoster roster() {
        return roster;
    }

    /**
     * The predicted realised return of a decision with these votes. Agents missing from {@code votes} abstained.
     *
     * @throws IllegalArgumentException for a vote from an agent outside the roster
     */
    public synchronized double predict(Map<String, AgentVote> votes) {
        return network.predict(roster.encode(votes)) / PERCENT;
    }

    /**
     * Learns from one resolved outcome: one Adam step on {@code (prediction - actualReturn)^2}.
     *
     * @param decisionId   the decision whose outcome resolved (logged; no commas or line breaks)
     * @param actualReturn the realised return as a fraction (0.05 = +5 %)
     * @return the update, with the prediction made just before it
     */
    public synchronized TrainingStep train(String decisionId, Map<String, AgentVote> votes, double actualReturn) {
        if (decisionId == null || decisionId.isBlank() || decisionId.contains(",") || decisionId.contains("\n")) {
            throw new IllegalArgumentException("decision id must be non-blank without commas or line breaks, was '"
                    + decisionId + "'");
        }
        if (!Double.isFinite(actualReturn)) {
            throw new IllegalArgumentException("actual return of decision " + decisionId + " is " + actualReturn);
        }
        double[] input = roster.encode(votes);
        TrainingStep step = update(decisionId, input, actualReturn);
        log.ifPresent(l -> l.append(step, input));
        if (directory.isPresent() && steps % config.checkpointEvery() == 0) {
            CheckpointFile.write(directory.get().resolve(CHECKPOINT_FILE),
                    new CheckpointFile.State(roster, steps, network, optimizer));
            lastCheckpointStep = steps;
        }
        return step;
    }

    private TrainingStep update(String decisionId, double[] input, double actualReturn) {
        MultiLayerPerceptron.LossGradient gradient = network.lossGradient(input, actualReturn * PERCENT);
        optimizer.step(network.layers(), gradient);
        steps++;
        double predicted = gradient.prediction() / PERCENT;
        TrainingStep step = new TrainingStep(steps, decisionId, predicted, actualReturn,
                (predicted - actualReturn) * (predicted - actualReturn));
        fit.record(step);
        return step;
    }

    public synchronized MetaLearnerStatus status() {
        return fit.status(steps, lastCheckpointStep);
    }
}
