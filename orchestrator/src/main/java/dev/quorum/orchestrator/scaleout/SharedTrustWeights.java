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
 * so an outage delays learning, never a decision.
 */
public final class SharedTrustWeights implements Supplier<Map<String, Double>> {

    private static final Logger log = LoggerFactory.getLogger(SharedTrustWeights.class);

    private final UnifiedJedis redis;
    private volatile Map<String, Double> lastRead = Map.of();

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
            lastRead = Map.copyOf(weights);
        } catch (RuntimeException e) {
            log.warn("shared trust weights unreadable ({}); deciding with the last ones read", e.getMessage());
        }
        return lastRead;
    }
}
