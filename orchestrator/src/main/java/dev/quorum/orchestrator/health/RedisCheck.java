package dev.quorum.orchestrator.health;

import dev.quorum.envelope.redis.RedisUrl;
import redis.clients.jedis.UnifiedJedis;

/**
 * PING on the service's Redis client. Optional: while Redis is down, decisions wait in the outbox and drain when
 * it returns, so Quorum is degraded, not down.
 */
public final class RedisCheck implements ReadinessCheck {

    private final UnifiedJedis redis;
    private final String redactedUrl;

    public RedisCheck(UnifiedJedis redis, String url) {
        this.redis = redis;
        this.redactedUrl = RedisUrl.redact(url);
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean required() {
        return false;
    }

    @Override
    public CheckResult check() {
        long start = System.nanoTime();
        try {
            String pong = redis.ping();
            return new CheckResult("PONG".equals(pong), "PING " + redactedUrl + " -> " + pong, HttpEndpointCheck.millisSince(start));
        } catch (RuntimeException e) {
            return new CheckResult(false, "PING " + redactedUrl + " failed: " + e.getClass().getSimpleName() + " "
                    + e.getMessage(), HttpEndpointCheck.millisSince(start));
        }
    }
}
