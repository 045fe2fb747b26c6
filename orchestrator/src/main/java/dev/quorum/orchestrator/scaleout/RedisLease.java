package dev.quorum.orchestrator.scaleout;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A lease on one Redis key: the key holds its owner's name and expires by itself, so a dead owner frees it. Every
 * change after taking it checks the owner first, atomically (a Lua script), because the lease may have expired and
 * been taken by someone else in between. Serves the workers' job claims and the learner's lease.
 */
final class RedisLease {

    private static final String RENEW_IF_OWNER =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE_IF_OWNER =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private final UnifiedJedis redis;
    private final String key;
    private final String owner;
    private final Duration term;

    RedisLease(UnifiedJedis redis, String key, String owner, Duration term) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.key = Objects.requireNonNull(key, "key");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.term = Objects.requireNonNull(term, "term");
    }

    /** Takes the lease for {@code term} if nobody holds it; false when someone does (this owner included). */
    boolean take() {
        return "OK".equals(redis.set(key, owner, SetParams.setParams().nx().px(term.toMillis())));
    }

    /** Whether this owner holds the lease now. */
    boolean held() {
        return owner.equals(redis.get(key));
    }

    /** Whether another owner holds the lease now. */
    boolean heldByAnother() {
        String holder = redis.get(key);
        return holder != null && !holder.equals(owner);
    }

    /** Extends the lease by {@code term} from now, if this owner still holds it. */
    boolean renew() {
        return Long.valueOf(1).equals(redis.eval(RENEW_IF_OWNER, List.of(key), List.of(owner, Long.toString(term.toMillis()))));
    }

    /** Gives the lease up, if this owner still holds it. */
    void release() {
        redis.eval(RELEASE_IF_OWNER, List.of(key), List.of(owner));
    }
}
