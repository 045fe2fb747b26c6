package dev.quorum.orchestrator.runtime;

import dev.quorum.agents.market.MarketData;
import dev.quorum.memory.metalearner.MetaLearnerConfig;
import dev.quorum.memory.metalearner.MetaLearnerRetries;
import dev.quorum.memory.outcomes.OutcomeListener;
import dev.quorum.memory.outcomes.OutcomeRecorder;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.memory.outcomes.PendingOutcomes;
import dev.quorum.memory.recall.OutcomeIndexer;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.consensus.Pooling;
import dev.quorum.orchestrator.cycle.CycleParts;
import dev.quorum.orchestrator.scaleout.ScaleKeys;
import dev.quorum.orchestrator.scaleout.SharedMetaLearner;
import dev.quorum.orchestrator.scaleout.SharedTrustWeights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a process learns from outcomes and what its cycle reads of what was learnt. Every process records outcomes
 * (the market's, and feedback) into its trust ledger, trains the meta-learner on them and indexes them for recall;
 * where the learning happens depends on the role:
 * <ul>
 *   <li>{@link #here} (roles {@code all} and {@code scheduler}): each cycle first resolves the outcomes known by
 *       then, and decides with this process's trust weights, meta-learner and calibrated skills;</li>
 *   <li>{@link #fromScheduler} (role {@code worker}): learns nothing itself; reads the weights and the model the
 *       scheduler published to Redis, and pools stated confidences (the calibration maps stay in the scheduler's
 *       SQLite file, and the envelopes say so in {@code meta.pooling}).</li>
 * </ul>
 *
 * @param pending     the decisions waiting for their market outcome
 * @param beforeCycle what runs before each cycle decides (resolving the outcomes known by then, or nothing)
 * @param pooling     how the consensus pools the agents' confidences
 */
record LearningParts(MetaLearnerTraining training, OutcomeRecorder outcomes, PendingOutcomes pending,
                     Consumer<LocalDate> beforeCycle, CycleParts.Learnt learnt, Pooling pooling) {

    private static final Logger log = LoggerFactory.getLogger(LearningParts.class);

    /** Roles {@code all} and {@code scheduler}: this process owns the weights, the meta-learner and the outcomes. */
    static LearningParts here(QuorumConfig config, MemoryParts memory, MarketData market) {
        MetaLearnerTraining training = training(config, memory);
        OutcomeRecorder outcomes = outcomes(config, memory, training);
        // One instance: it keeps the mark of the oldest unresolved decision between resolutions.
        PendingOutcomes pending = new PendingOutcomes(memory.store(), outcomes);
        return new LearningParts(training, outcomes, pending, date -> resolveOutcomes(pending, market, date),
                new CycleParts.Learnt(memory.trust()::currentWeights, () -> Optional.of(memory.metaLearner()),
                        memory.trust()::skills),
                config.consensus().pooling());
    }

    /** Role {@code worker}: the scheduler's learner owns the weights and the model; this process reads them from Redis. */
    static LearningParts fromScheduler(QuorumConfig config, MemoryParts memory, UnifiedJedis redis) {
        MetaLearnerTraining training = training(config, memory);
        OutcomeRecorder outcomes = outcomes(config, memory, training);
        SharedMetaLearner model = new SharedMetaLearner(redis, new ScaleKeys(config.scale().jobStream()),
                MemoryParts.roster(config), MetaLearnerConfig.defaults());
        return new LearningParts(training, outcomes, new PendingOutcomes(memory.store(), outcomes), date -> { },
                new CycleParts.Learnt(new SharedTrustWeights(redis), model),
                Pooling.STATED);
    }

    /** Records the market outcome of every decision whose exit session closed by {@code asOf}. */
    static void resolveOutcomes(PendingOutcomes pending, MarketData market, LocalDate asOf) {
        int resolved = pending.resolve(market, asOf).size();
        if (resolved > 0) {
            log.info("{} outcome(s) resolved from market data as of {}", resolved, asOf);
        }
    }

    /** Each resolved outcome trains the meta-learner with the votes as they were weighted at decision time. */
    private static MetaLearnerTraining training(QuorumConfig config, MemoryParts memory) {
        return new MetaLearnerTraining(memory.metaLearner(), MemoryParts.agentNames(config),
                new MetaLearnerRetries(memory.database(), Clock.systemUTC()));
    }

    private static OutcomeRecorder outcomes(QuorumConfig config, MemoryParts memory, MetaLearnerTraining training) {
        List<OutcomeListener> listeners = new ArrayList<>(List.of(training));
        memory.recall().ifPresent(recall -> listeners.add(
                new OutcomeIndexer(recall, memory.store(), config.outcome().epsilon(), Clock.systemUTC())));
        return new OutcomeRecorder(memory.database(), memory.trust(), new OutcomeRules(config.outcome().horizonSessions(),
                config.outcome().epsilon(), OutcomeRules.defaults().benchmark()), listeners, Clock.systemUTC());
    }
}
