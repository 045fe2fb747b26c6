package dev.quorum.orchestrator.scaleout;

import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which decision was published for each (ticker, trade date), shared by every worker through Redis, and which
 * worker is deciding one right now. This is what makes a job decided once across machines: each worker's own
 * SQLite only knows its own decisions.
 * <p>
 * A provisional decision (the models failed) is registered too, and marked so: it does not make the job decided, and
 * the decision that supersedes it, made by whichever worker, replaces it in the registry.
 */
public final class DecisionRegistry {

    /** The decision registered for a (ticker, trade date), and whether it is provisional. */
    public record Published(String correlationId, boolean provisional) {
    }

    /*
     * KEYS: decided hash, provisional hash. ARGV: ticker, correlation id, provisional (1/0), replace (1/0).
     * Refuses (returning the registered id) when another decision is registered that is final and replacing is off;
     * otherwise registers this one and its provisional mark, in one step.
     */
    private static final String CLAIM_PUBLICATION = """
            local registered = redis.call('hget', KEYS[1], ARGV[1])
            if registered and registered ~= ARGV[2] and ARGV[4] == '0'
                    and redis.call('hget', KEYS[2], ARGV[1]) ~= registered then
                return registered
            end
            redis.call('hset', KEYS[1], ARGV[1], ARGV[2])
            if ARGV[3] == '1' then
                redis.call('hset', KEYS[2], ARGV[1], ARGV[2])
            else
                redis.call('hdel', KEYS[2], ARGV[1])
            end
            return false
            """;

    private final UnifiedJedis redis;
    private final ScaleKeys keys;

    public DecisionRegistry(UnifiedJedis redis, ScaleKeys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The decision published for the job's (ticker, trade date), if one was, and whether it is provisional. */
    public Optional<Published> published(DecisionJob job) {
        String registered = redis.hget(keys.decided(job.tradeDate()), job.ticker());
        if (registered == null) {
            return Optional.empty();
        }
        return Optional.of(new Published(registered, registered.equals(redis.hget(keys.provisional(job.tradeDate()), job.ticker()))));
    }

    /**
     * Claims the right to publish {@code correlationId} for (ticker, trade date), before the envelope is written. A
     * registered provisional decision gives way to any other decision of its day (the one that supersedes it).
     *
     * @param provisional whether this decision is provisional (then it gives way in turn)
     * @param replace     true when re-deciding is on: the newer decision replaces the registered one
     * @return the correlation id already registered for another, final decision (then this one must not be
     *         published), or empty when this one may be (it was registered now, or earlier by the same publish)
     */
    public Optional<String> claimPublication(String ticker, LocalDate tradeDate, String correlationId, boolean provisional,
                                             boolean replace) {
        Object refused = redis.eval(CLAIM_PUBLICATION, List.of(keys.decided(tradeDate), keys.provisional(tradeDate)),
                List.of(ticker, correlationId, provisional ? "1" : "0", replace ? "1" : "0"));
        return Optional.ofNullable(refused).map(String::valueOf);
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
