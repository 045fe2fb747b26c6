package dev.quorum.orchestrator.scaleout;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.memory.trust.RedisWeightsMirror;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.orchestrator.runtime.RoleWork;
import dev.quorum.testkit.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workers' trust weights come from the scheduler's mirror in Redis, written when an outcome moves them. A Redis
 * restarted without its data lost the mirror: the scheduler writes it again before each enqueue, as it does the
 * meta-learner, so a worker started since does not decide the jobs with 1.0 for every agent. Real redis-server.
 */
class SchedulerWeightsMirrorTest {

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    @TempDir
    Path dir;

    @Test
    void should_write_the_weights_again_before_each_enqueue_when_redis_lost_them() throws Exception {
        QuorumConfig config = QuorumRig.config(dir, QuorumRig.sampleMarket(), REDIS.url(), "");
        try (QuorumRuntime runtime = QuorumRuntime.open(config, Role.SCHEDULER);
             UnifiedJedis client = RedisConnections.open(RedisUrl.parse(REDIS.url()))) {
            RoleWork scheduler = RoleWork.scheduler(runtime, new SimpleMeterRegistry());
            try {
                client.flushAll(); // as a restart without persistence leaves it; no outcome is due to move the weights

                scheduler.engine().scan();

                assertTrue(client.hexists(RedisWeightsMirror.KEY, RedisWeightsMirror.UPDATED_AT_FIELD), "the mirror written again");
                assertEquals(runtime.trust().currentWeights(), new SharedTrustWeights(client).get());
            } finally {
                assertTrue(scheduler.stop().getAsBoolean(), "stopped within its wait");
            }
        }
    }
}
