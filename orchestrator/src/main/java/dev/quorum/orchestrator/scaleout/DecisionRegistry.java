package dev.quorum.orchestrator.scaleout;

import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Which decision was published for each (ticker, trade date), shared by every worker through Redis, and which
 * worker is deciding one right now. This is what makes a job decided once across machines: each worker's own
 * SQLite only knows its own decisions.
 */
public final class DecisionRegistry {

    private final UnifiedJedis redis;
    private final ScaleKeys keys;

    public DecisionRegistry(UnifiedJedis redis, ScaleKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The correlation id published for the job's (ticker, trade date), if one was. */
    public Optional<String> published(DecisionJob job) {
        return Optional.ofNullable(redis.hget(keys.decided(job.tradeDate()), job.ticker()));
    }

    /**
     * Claims the right to publish {@code correlationId} for (ticker, trade date), before the envelope is written.
     *
     * @param replace true when re-deciding is on: the newer decision replaces the registered one
     * @return the correlation id already registered for another decision (then this one must not be published),
     *         or empty when this one may be (it was registered now, or earlier by the same publish)
     */
    public Optional<String> claimPublication(String ticker, LocalDate tradeDate, String correlationId, boolean replace) {
        String key = keys.decided(tradeDate);
        if (replace) {
            redis.hset(key, ticker, correlationId);
            return Optional.empty();
        }
        if (redis.hsetnx(key, ticker, correlationId) == 1) {
            return Optional.empty();
        }
        String registered = redis.hget(key, ticker);
        return correlationId.equals(registered) ? Optional.empty() : Optional.ofNullable(registered);
    }

    /**
     * Claims the job for {@code worker} for at most {@code lease} (it expires by itself if the worker dies).
     *
     * @return true when the job is this worker's to decide (newly claimed, or already claimed by it before a restart)
     */
    public boolean claimWork(DecisionJob job, String worker, Duration lease) {
        RedisLease claim = new RedisLease(redis, keys.claim(job), worker, lease);
        return claim.take() || claim.held();
    }

    /** Releases the job's claim if {@code worker} still holds it. */
    public void releaseWork(DecisionJob job, String worker) {
        // The term plays no part in releasing.
        new RedisLease(redis, keys.claim(job), worker, Duration.ZERO).release();
    }
}
