package dev.quorum.orchestrator.scaleout;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.memory.trust.RedisWeightsMirror;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A worker's trust weights across a Redis restart that lost the learner's mirror. Real redis-server. */
class SharedTrustWeightsTest {

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private static final Map<String, Double> LEARNT = Map.of("technical", 1.25, "news", 0.8);

    @Test
    void should_keep_deciding_with_the_last_weights_read_when_redis_comes_back_without_them() {
        try (UnifiedJedis client = RedisConnections.open(RedisUrl.parse(REDIS.url()))) {
            new RedisWeightsMirror(client).publish(LEARNT, Instant.parse("2024-06-03T21:30:00Z"));
            SharedTrustWeights weights = new SharedTrustWeights(client);
            assertEquals(LEARNT, weights.get());

            // Restarted without persistence: the mirror is gone until the learner's next update writes it again.
            REDIS.kill();
            REDIS.restart();
            weights.get(); // the pooled connection died with the old server: this read may fail on it
            assertEquals(LEARNT, weights.get(), "the weights learnt, not 1.0 for every agent");

            new RedisWeightsMirror(client).publish(Map.of("technical", 1.3, "news", 0.8), Instant.parse("2024-06-04T21:30:00Z"));
            assertEquals(Map.of("technical", 1.3, "news", 0.8), weights.get(), "the learner's next update is read");
        }
    }
}
