package dev.quorum.orchestrator.runtime;

import dev.quorum.envelope.publish.PublisherSettings;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUnavailableException;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.health.ReadinessCheck;
import dev.quorum.orchestrator.health.RedisCheck;
import dev.quorum.orchestrator.publish.EnvelopeSink;
import dev.quorum.orchestrator.publish.JsonLinesSink;
import dev.quorum.orchestrator.publish.OutboxPublisher;
import dev.quorum.orchestrator.publish.RedisSink;
import dev.quorum.orchestrator.scaleout.DecideOnceSink;
import dev.quorum.orchestrator.scaleout.DecisionRegistry;
import dev.quorum.orchestrator.scaleout.Role;
import dev.quorum.orchestrator.scaleout.ScaleKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.Optional;

/**
 * Where decisions go once stored: the outbox in SQLite, drained by its publisher to the Redis stream, or to
 * {@code envelopes.jsonl} under the data directory when the target allows a file and Redis does not answer.
 *
 * @param redis the Redis client when this process publishes to Redis (also what the trust mirror, the federation
 *              keys and the scale-out roles use); empty when it publishes to the file
 */
record PublishingParts(Optional<UnifiedJedis> redis, EnvelopeSink sink, Outbox outbox, OutboxPublisher publisher) {

    private static final Logger log = LoggerFactory.getLogger(PublishingParts.class);

    static PublishingParts open(QuorumConfig config, PublishTarget target, Role role, QuorumDatabase database,
                                Resources resources) {
        Optional<UnifiedJedis> opened = target == PublishTarget.FILE ? Optional.empty()
                : openRedis(config, target).map(resources::own);
        Optional<UnifiedJedis> redis = opened.filter(client -> target == PublishTarget.REDIS || answers(client));
        EnvelopeSink sink = redis.map(client -> redisSink(config, role, client))
                .orElseGet(() -> new JsonLinesSink(config.dataDirectory().resolve("envelopes.jsonl")));
        Outbox outbox = new Outbox(database);
        OutboxPublisher publisher = resources.own(new OutboxPublisher(outbox, sink, Duration.ofSeconds(5)));
        return new PublishingParts(redis, sink, outbox, publisher);
    }

    /** The readiness check that Redis answers; empty when publishing to the file. */
    Optional<ReadinessCheck> check(QuorumConfig config) {
        return redis.map(client -> new RedisCheck(client, config.redis().url()));
    }

    /** A worker claims each (ticker, trade date) in the shared registry before publishing: decided once across workers. */
    private static EnvelopeSink redisSink(QuorumConfig config, Role role, UnifiedJedis client) {
        RedisSink stream = new RedisSink(client, config.redis().url(),
                new PublisherSettings(config.redis().stream(), config.redis().maxlen()));
        return role == Role.WORKER
                ? new DecideOnceSink(stream, new DecisionRegistry(client, new ScaleKeys(config.scale().jobStream())),
                        config.decisions().redecide())
                : stream;
    }

    /**
     * A standalone client connects lazily: REDIS starts while Redis is down and the outbox holds the envelopes.
     * Sentinel and Cluster clients must reach Redis to open (to learn the master, or the slots): for REDIS that is
     * a start-up error naming the URL, for REDIS_OR_FILE the same reason to fall back to the file as a failed PING.
     */
    private static Optional<UnifiedJedis> openRedis(QuorumConfig config, PublishTarget target) {
        try {
            return Optional.of(RedisConnections.open(RedisUrl.parse(config.redis().url())));
        } catch (RedisUnavailableException e) {
            if (target == PublishTarget.REDIS) {
                throw e;
            }
            log.warn("{}; publishing to the JSON-lines file instead", e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean answers(UnifiedJedis client) {
        try {
            return "PONG".equals(client.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
