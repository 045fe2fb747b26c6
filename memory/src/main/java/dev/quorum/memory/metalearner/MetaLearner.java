package dev.quorum.memory.metalearner;

import dev.quorum.memory.store.QuorumDatabase;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The seed 001 meta-learner: an online MLP ({@code 3 x agent slots -> 64 -> 32 -> 1}, see {@link AgentRoster})
 * predicting a decision's realised return from the panel's votes, trained by Adam on the squared error of each
 * resolved outcome.
 *
 * <p>Call {@link #predict} before a decision (record the value with it so the learner's skill can be judged),
 * {@link #train} once its outcome resolves, {@link #status} for the status endpoint and the dashboard.
 * Opened on the Quorum database, every update is logged (table {@code metalearner_training_log}) and every
 * {@link MetaLearnerConfig#checkpointEvery()} updates a checkpoint is written ({@code metalearner_checkpoints})
 * in the same transaction; reopening restores the latest checkpoint and replays the updates logged after it.
 * Deterministic: the same seed and the same outcomes give the same predictions. Thread-safe.
 */
public final class MetaLearner {

    static final int[] HIDDEN_LAYERS = {64, 32};
    /**
     * The network works in percent: returns are a few hundredths, and on that scale the output sits far
     * below the noise of each Adam step (the learner never settles); in percent the targets are of order 1
     * like the network's initial outputs. Predictions and logged losses are in return units.
     */
    static final double PERCENT = 100.0;

    private final AgentRoster roster;
    private final MetaLearnerConfig config;
    private final RunningFit fit;
    private final Optional<MetaLearnerTables> tables;
    private CheckpointCodec.State state;
    private long lastCheckpointStep;

    private MetaLearner(AgentRoster roster, MetaLearnerConfig config, CheckpointCodec.State state,
                        Optional<MetaLearnerTables> tables) {
        this.roster = roster;
        this.config = config;
        this.state = state;
        this.lastCheckpointStep = state.steps();
        this.fit = new RunningFit(config.fitWindow(), config.learningCurvePoints());
        this.tables = tables;
    }

    /** A learner that keeps nothing (tests, experiments). */
    public static MetaLearner inMemory(AgentRoster roster, MetaLearnerConfig config) {
        return new MetaLearner(roster, config, fresh(roster, config), Optional.empty());
    }

    /**
     * A learner persisted in the Quorum database: restored from its latest checkpoint and the training log
     * after it when there are any, fresh otherwise.
     *
     * @throws IllegalStateException when the checkpoint was trained for another roster, or a row is corrupt
     */
    public static MetaLearner open(QuorumDatabase database, AgentRoster roster, MetaLearnerConfig config) {
        Objects.requireNonNull(roster, "roster");
        Objects.requireNonNull(config, "config");
        MetaLearnerTables tables = new MetaLearnerTables(database, Clock.systemUTC());
        CheckpointCodec.State state = tables.latestCheckpoint()
                .map(saved -> CheckpointCodec.decode(saved.state(), tables.describe(saved.step()), config.learningRate()))
                .orElseGet(() -> fresh(roster, config));
        if (!state.roster().equals(roster)) {
            throw new IllegalStateException(tables.describe(state.steps()) + " was trained for agents "
                    + state.roster().describe() + " but the configured roster is " + roster.describe()
                    + "; a new roster needs a new learner (another database, or clear the metalearner_ tables)");
        }
        MetaLearner learner = new MetaLearner(roster, config, state, Optional.of(tables));
        learner.restoreFrom(tables);
        return learner;
    }

    private static CheckpointCodec.State fresh(AgentRoster roster, MetaLearnerConfig config) {
        MultiLayerPerceptron network = MultiLayerPerceptron.initialise(roster.inputWidth(), HIDDEN_LAYERS,
                config.hiddenActivation(), config.seed());
        return new CheckpointCodec.State(roster, 0, network, new AdamOptimizer(config.learningRate(), network.layers()));
    }

    /** Rebuilds the running fit from the log and re-applies the updates the checkpoint does not contain. */
    private void restoreFrom(MetaLearnerTables tables) {
        tables.stepsUpTo(state.steps(), Math.max(config.fitWindow(), config.learningCurvePoints())).forEach(fit::record);
        for (MetaLearnerTables.LoggedUpdate logged : tables.updatesAfter(state.steps())) {
            long step = logged.step().step();
            if (step != state.steps() + 1 || logged.input().length != roster.inputWidth()) {
                throw new IllegalStateException("metalearner_training_log step " + step + " does not follow step "
                        + state.steps() + " with " + roster.inputWidth() + " inputs (it has " + logged.input().length
                        + "); the log and the checkpoints do not belong together");
            }
            update(logged.step().decisionId(), logged.input(), logged.step().actual());
        }
    }

    /**
     * A read-only copy of a learner trained elsewhere (a worker using the scheduler's model), from its
     * {@link #snapshot()}.
     *
     * @throws IllegalStateException when the snapshot is corrupt or was trained for another roster
     */
    public static MetaLearner fromSnapshot(byte[] snapshot, String source, AgentRoster roster, MetaLearnerConfig config) {
        CheckpointCodec.State state = CheckpointCodec.decode(snapshot, source, config.learningRate());
        if (!state.roster().equals(roster)) {
            throw new IllegalStateException(source + " was trained for agents " + state.roster().describe()
                    + " but the configured roster is " + roster.describe());
        }
        return new MetaLearner(roster, config, state, Optional.empty());
    }

    /** The model as it is now, in the checkpoint format: what {@link #fromSnapshot} reads. */
    public synchronized byte[] snapshot() {
        return CheckpointCodec.encode(state);
    }

    /** Training steps taken so far: the snapshot's version. */
    public synchronized long steps() {
        return state.steps();
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
        return state.network().predict(roster.encode(votes)) / PERCENT;
    }

    /**
     * Learns from one resolved outcome: one Adam step on the squared error, logged (and checkpointed every
     * N updates) before it is returned. When the database refuses the write the learner is left as it was.
     *
     * @param decisionId   the decision whose outcome resolved
     * @param actualReturn the realised return as a fraction (0.05 = +5 %)
     * @return the update, with the prediction made just before it
     */
    public synchronized TrainingStep train(String decisionId, Map<String, AgentVote> votes, double actualReturn) {
        return train(decisionId, votes, actualReturn, OptionalInt.empty());
    }

    /**
     * {@link #train(String, Map, double)}, logging also seed 001's {@code agent_votes} (the votes trained on) and
     * {@code hold_duration} (days from entry to exit) in {@code metalearner_training_votes}.
     */
    public synchronized TrainingStep train(String decisionId, Map<String, AgentVote> votes, double actualReturn,
                                           OptionalInt holdDuration) {
        if (decisionId == null || decisionId.isBlank()) {
            throw new IllegalArgumentException("decision id of a meta-learner update is blank");
        }
        if (!Double.isFinite(actualReturn)) {
            throw new IllegalArgumentException("actual return of decision " + decisionId + " is " + actualReturn);
        }
        double[] input = roster.encode(votes);
        if (tables.isEmpty()) {
            return update(decisionId, input, actualReturn);
        }
        CheckpointCodec.State before = CheckpointCodec.copy(state, config.learningRate());
        TrainingStep step = update(decisionId, input, actualReturn);
        boolean checkpoint = step.step() % config.checkpointEvery() == 0;
        try {
            tables.get().record(step, input, votes, holdDuration, checkpoint
                    ? Optional.of(new MetaLearnerTables.Checkpoint(roster, CheckpointCodec.encode(state), status()))
                    : Optional.empty());
        } catch (RuntimeException e) {
            // Not persisted means not learnt: go back to the state the database knows.
            state = before;
            fit.forgetLast();
            throw e;
        }
        if (checkpoint) {
            lastCheckpointStep = step.step();
        }
        return step;
    }

    private TrainingStep update(String decisionId, double[] input, double actualReturn) {
        MultiLayerPerceptron network = state.network();
        MultiLayerPerceptron.LossGradient gradient = network.lossGradient(input, actualReturn * PERCENT);
        state.optimizer().step(network.layers(), gradient);
        state = new CheckpointCodec.State(roster, state.steps() + 1, network, state.optimizer());
        double predicted = gradient.prediction() / PERCENT;
        TrainingStep step = new TrainingStep(state.steps(), decisionId, predicted, actualReturn,
                (predicted - actualReturn) * (predicted - actualReturn));
        fit.record(step);
        return step;
    }

    public synchronized MetaLearnerStatus status() {
        return fit.status(state.steps(), lastCheckpointStep);
    }
}
