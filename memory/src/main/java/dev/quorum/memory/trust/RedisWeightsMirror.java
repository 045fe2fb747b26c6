package dev.quorum.memory.trust;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mirrors the current weights to the Redis hash {@value #KEY}: one field per agent (the weight as a decimal
 * string, e.g. {@code "1.02"}) plus {@code updated_at} (ISO-8601 UTC instant of the change). Every publish writes
 * the whole map in one HSET, so a mirror that missed updates while Redis was down is whole again after the next.
 * A Redis failure is logged and counted, never thrown: SQLite holds the truth.
 */
public final class RedisWeightsMirror implements WeightsMirror {

    public static final String KEY = "quorum:trust:weights";
    public static final String UPDATED_AT_FIELD = "updated_at";

    private static final Logger LOG = LoggerFactory.getLogger(RedisWeightsMirror.class);

    private final UnifiedJedis redis;
    private final AtomicLong failures = new AtomicLong();

    /** @param redis a client with short timeouts: publishing waits on it while the ledger's caller waits */
    public RedisWeightsMirror(UnifiedJedis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public void publish(Map<String, Double> weights, Instant at) {
        Map<String, String> fields = new LinkedHashMap<>();
        weights.forEach((agent, weight) -> fields.put(agent, Double.toString(weight)));
        fields.put(UPDATED_AT_FIELD, at.toString());
        try {
            redis.hset(KEY, fields);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn("trust weights not mirrored to Redis hash {} ({}); they are safe in SQLite and the next update mirrors them all",
                    KEY, e.toString());
        }
    }

    /** Publishes that failed since start: for health checks and metrics. */
    public long failures() {
        return failures.get();
    }
}
