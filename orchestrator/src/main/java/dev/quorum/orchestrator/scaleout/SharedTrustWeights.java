package dev.quorum.orchestrator.scaleout;

import dev.quorum.memory.trust.RedisWeightsMirror;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A worker's trust weights: the ones the learner mirrors to the Redis hash {@value RedisWeightsMirror#KEY}, read
 * at each decision. When Redis cannot be read, the last weights read are used (and the default 1.0 before any),
 * so an outage delays learning, never a decision. So are they when the hash is gone (Redis restarted without its
 * data, or flushed): the mirror is written again at the learner's next update, and until then the weights learnt
 * are the ones this worker read last, not 1.0 for every agent, as the meta-learner's are ({@link SharedMetaLearner}).
 */
public final class SharedTrustWeights implements Supplier<Map<String, Double>> {

    private static final Logger log = LoggerFactory.getLogger(SharedTrustWeights.class);

    private final UnifiedJedis redis;
    private volatile Map<String, Double> lastRead = Map.of();
    private volatile boolean missing;

    public SharedTrustWeights(UnifiedJedis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Map<String, Double> get() {
        try {
            Map<String, Double> weights = new LinkedHashMap<>();
            redis.hgetAll(RedisWeightsMirror.KEY).forEach((field, value) -> {
                if (!RedisWeightsMirror.UPDATED_AT_FIELD.equals(field)) {
                    try {
                        weights.put(field, Double.parseDouble(value));
                    } catch (NumberFormatException e) {
                        log.warn("trust weight of '{}' in {} is not a number ('{}'); ignored", field, RedisWeightsMirror.KEY, value);
                    }
                }
            });
            if (weights.isEmpty() && !lastRead.isEmpty()) {
                if (!missing) {
                    missing = true;
                    log.warn("shared trust weights missing from {} (Redis restarted empty?); deciding with the last ones read"
                            + " until the learner's next update", RedisWeightsMirror.KEY);
                }
                return lastRead;
            }
            missing = false;
            lastRead = Map.copyOf(weights);
        } catch (RuntimeException e) {
            log.warn("shared trust weights unreadable ({}); deciding with the last ones read", e.getMessage());
        }
        return lastRead;
    }
}
