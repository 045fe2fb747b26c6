package dev.quorum.memory.trust;

import dev.quorum.testkit.RedisCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The weights mirror is one HSET on one key: it works unchanged on a real Redis Cluster. */
class RedisWeightsMirrorClusterTest {

    @RegisterExtension
    static final RedisCluster CLUSTER = new RedisCluster();

    @Test
    void should_mirror_the_weights_to_the_documented_hash_on_a_cluster() {
        try (RedisClusterClient redis = RedisClusterClient.create(Set.of(new HostAndPort("127.0.0.1", CLUSTER.nodes().get(1).port())))) {
            RedisWeightsMirror mirror = new RedisWeightsMirror(redis);
            Map<String, Double> weights = new LinkedHashMap<>();
            weights.put("technical", 1.02);
            weights.put("risk", 0.985);

            mirror.publish(weights, Instant.parse("2026-05-11T21:00:00Z"));

            assertEquals(Map.of("technical", "1.02", "risk", "0.985", RedisWeightsMirror.UPDATED_AT_FIELD, "2026-05-11T21:00:00Z"),
                    redis.hgetAll(RedisWeightsMirror.KEY));
            assertEquals(0, mirror.failures());
        }
    }
}
