package dev.quorum.orchestrator.scaleout;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.XAddParams;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import static dev.quorum.orchestrator.scaleout.WorkerRuns.await;

/**
 * A worker runs for weeks; Redis may restart without its data (no AOF, a flush) in between. The job stream's consumer
 * group is gone with it, and the worker creates it again itself instead of failing every read until the scheduler's
 * next enqueue. Real redis-server, killed and restarted empty.
 */
class WorkerRedisRestartTest {

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private static final LocalDate DATE = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 1).get(0);

    @TempDir
    Path dir;

    @Test
    void should_take_jobs_again_after_redis_restarted_without_its_data() throws Exception {
        QuorumConfig config = QuorumRig.config(dir, QuorumRig.sampleMarket(), REDIS.url(), "");
        try (QuorumRuntime runtime = QuorumRuntime.open(config, Role.WORKER);
             UnifiedJedis client = RedisConnections.open(RedisUrl.parse(REDIS.url()))) {
            JobWorker worker = new JobWorker(runtime.redis().orElseThrow(), runtime.scaleKeys(), config.scale().group(), "w1",
                    Duration.ofSeconds(config.scale().reclaimIdleSeconds()), Duration.ofMillis(100), runtime.cycle(),
                    runtime.publisher(), false, Duration.ofSeconds(120), Duration.ofSeconds(1800), runtime::refreshMarketData);
            Thread thread = new Thread(worker);
            thread.start();
            try {
                String stream = runtime.scaleKeys().jobStream();
                await("the worker's group", () -> client.exists(stream));

                REDIS.kill();
                REDIS.restart();
                // A job written to the stream as it is now, by a producer that does not create the group first.
                try {
                    client.xadd(stream, XAddParams.xAddParams(), new DecisionJob("AAPL", DATE).fields());
                } catch (JedisConnectionException e) {
                    // The pooled connection died with the old server; the next one is new.
                    client.xadd(stream, XAddParams.xAddParams(), new DecisionJob("AAPL", DATE).fields());
                }

                DecisionRegistry registry = new DecisionRegistry(client, runtime.scaleKeys());
                await("the job decided and published", () -> registry.published(new DecisionJob("AAPL", DATE)).isPresent());
            } finally {
                worker.stop();
                thread.join();
            }
        }
    }
}
