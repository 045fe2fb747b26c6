package dev.quorum.memory.trust;

import dev.quorum.memory.outcomes.OutcomeRecorder;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.memory.outcomes.Outcomes;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.store.TestDecisions;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RedisWeightsMirrorTest {

    private static final Clock CLOCK = Clock.fixed(TestDecisions.DECIDED_AT, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final RedisServer redisServer = new RedisServer();
    private RedisClient redis;
    private RedisWeightsMirror mirror;
    private TrustLedger ledger;
    private OutcomeRecorder recorder;
    private DecisionStore decisions;

    @BeforeEach
    void start() {
        redisServer.start();
        redis = RedisClient.builder().hostAndPort(redisServer.host(), redisServer.port())
                .clientConfig(DefaultJedisClientConfig.builder().timeoutMillis(500).build()).build();
        mirror = new RedisWeightsMirror(redis);
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        decisions = new DecisionStore(database, "quorum:decisions");
        // The seed 001 rule, whose hand-computed weights these tests check in the mirror.
        ledger = new TrustLedger(database, new TrustSettings(TrustPolicies.byName("outcome-ema"), 10, 0), mirror, CLOCK);
        recorder = new OutcomeRecorder(database, ledger, OutcomeRules.defaults(), List.of(), CLOCK);
    }

    @AfterEach
    void stop() {
        redis.close();
        redisServer.close();
    }

    private void decideAndResolve(String id, double realizedReturn) {
        decisions.save(TestDecisions.decision(id, "NVDA", LocalDate.parse("2023-06-01").plusDays(Integer.parseInt(id.substring(2)))));
        recorder.record(id, Outcomes.market(realizedReturn));
    }

    @Test
    void should_mirror_every_weight_and_the_update_time_to_the_documented_hash() {
        decideAndResolve("c-1", 0.05);

        Map<String, String> hash = redis.hgetAll(RedisWeightsMirror.KEY);

        assertEquals(Map.of("technical", "1.02", "risk", "0.985", "sentiment", "0.9875",
                RedisWeightsMirror.UPDATED_AT_FIELD, "2023-06-01T21:00:00Z"), hash);
        assertEquals(0, mirror.failures());
    }

    @Test
    void should_land_the_update_in_sqlite_when_redis_is_down_and_heal_the_mirror_later() {
        decideAndResolve("c-1", 0.05);
        redisServer.stop();

        decideAndResolve("c-2", 0.05);

        // 1.02 -> 0.1 x 1.2 + 0.9 x 1.02 = 1.038
        assertEquals(1.038, ledger.weightOf("technical"), 1e-12);
        assertEquals(1, mirror.failures());

        redisServer.start();
        ledger.mirror();
        assertEquals(Double.toString(ledger.weightOf("technical")), redis.hgetAll(RedisWeightsMirror.KEY).get("technical"));
    }
}
