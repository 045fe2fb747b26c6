package dev.quorum.orchestrator.scaleout;

import dev.quorum.memory.metalearner.AgentRoster;
import dev.quorum.memory.metalearner.MetaLearner;
import dev.quorum.memory.metalearner.MetaLearnerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The meta-learner of a scaled-out deployment, shared through one Redis hash: the scheduler's learner (the only one
 * that trains) {@link #publish publishes} its model after each round of outcomes, workers {@link #get read} it
 * before predicting and reload it only when its step count changed. Until the first publish, or while Redis
 * cannot be read, a worker predicts with the last model it read, or not at all: never with an untrained one.
 */
public final class SharedMetaLearner implements Supplier<Optional<MetaLearner>> {

    private static final Logger log = LoggerFactory.getLogger(SharedMetaLearner.class);
    private static final byte[] STEPS = "steps".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MODEL = "model".getBytes(StandardCharsets.UTF_8);

    private final UnifiedJedis redis;
    private final byte[] key;
    private final String keyName;
    private final AgentRoster roster;
    private final MetaLearnerConfig config;
    private volatile Optional<MetaLearner> lastRead = Optional.empty();
    private volatile long lastSteps = -1;

    public SharedMetaLearner(UnifiedJedis redis, ScaleKeys keys, AgentRoster roster, MetaLearnerConfig config) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keyName = keys.metaLearner();
        this.key = keyName.getBytes(StandardCharsets.UTF_8);
        this.roster = Objects.requireNonNull(roster, "roster");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The learner's side: writes the model and its step count together (one HSET). */
    public void publish(MetaLearner learner) {
        long steps = learner.steps();
        redis.hset(key, Map.of(STEPS, Long.toString(steps).getBytes(StandardCharsets.UTF_8), MODEL, learner.snapshot()));
    }

    @Override
    public Optional<MetaLearner> get() {
        try {
            // One HMGET: the step count and the model of the same publish.
            List<byte[]> fields = redis.hmget(key, STEPS, MODEL);
            if (fields.get(0) == null || fields.get(1) == null) {
                return lastRead;
            }
            long published = Long.parseLong(new String(fields.get(0), StandardCharsets.UTF_8));
            if (published != lastSteps) {
                lastRead = Optional.of(MetaLearner.fromSnapshot(fields.get(1), "the meta-learner in Redis hash " + keyName
                        + " (step " + published + ")", roster, config));
                lastSteps = published;
            }
        } catch (RuntimeException e) {
            log.warn("shared meta-learner unreadable ({}); predicting with the last one read", e.getMessage());
        }
        return lastRead;
    }
}
