package dev.quorum.orchestrator.scaleout;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.memory.trust.RedisWeightsMirror;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.orchestrator.runtime.RoleWork;
import dev.quorum.testkit.Closer;
import dev.quorum.testkit.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.XAddParams;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static dev.quorum.orchestrator.scaleout.WorkerRuns.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scale-out roles run for weeks; Redis may restart without its data (no AOF, a flush) in between, losing the job
 * stream's consumer group and the learner's mirror of the trust weights. A worker creates the group again itself
 * instead of failing every read until the scheduler's next enqueue, and the scheduler writes the weights again before
 * each enqueue, as it does the meta-learner, so a worker does not decide with 1.0 for every agent. Real redis-server.
 */
class RedisWithoutItsDataTest {

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private static final LocalDate DATE = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 1).get(0);

    private final Closer closer = new Closer();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        closer.close();
    }

    private QuorumRuntime runtime(Role role) throws Exception {
        return closer.add(QuorumRuntime.open(QuorumRig.config(dir, QuorumRig.sampleMarket(), REDIS.url(), ""), role));
    }

    private UnifiedJedis client() {
        return closer.add(RedisConnections.open(RedisUrl.parse(REDIS.url())));
    }

    private static JobWorker worker(QuorumRuntime runtime) {
        return new JobWorker(runtime.redis().orElseThrow(), runtime.scaleKeys(), runtime.config().scale().group(),
                "w1", Duration.ofSeconds(runtime.config().scale().reclaimIdleSeconds()), Duration.ofMillis(100), runtime.cycle(),
                runtime.publisher(), false, Duration.ofSeconds(120), Duration.ofSeconds(1800), runtime::refreshMarketData);
    }

    @Test
    void should_take_jobs_again_after_redis_restarted_without_its_data() throws Exception {
        QuorumRuntime runtime = runtime(Role.WORKER);
        UnifiedJedis client = client();
        JobWorker worker = worker(runtime);
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

    @Test
    void should_wait_out_a_redis_down_when_the_worker_starts() throws Exception {
        QuorumRuntime runtime = runtime(Role.WORKER);
        UnifiedJedis client = client();
        JobWorker worker = worker(runtime);
        REDIS.kill();
        Thread thread = new Thread(worker);
        thread.start();
        try {
            // Its first reads fail at once on a refused connection; a worker whose thread ended on them is gone for good.
            thread.join(2_000);
            assertTrue(thread.isAlive(), "the worker still runs");

            REDIS.restart();
            JobQueue queue = new JobQueue(client, runtime.scaleKeys(), runtime.config().scale().group());
            try {
                queue.enqueue(List.of("MSFT"), DATE, true);
            } catch (JedisConnectionException e) {
                queue.enqueue(List.of("MSFT"), DATE, true); // the pooled connection from before the kill
            }
            DecisionRegistry registry = new DecisionRegistry(client, runtime.scaleKeys());
            await("the job decided and published", () -> registry.published(new DecisionJob("MSFT", DATE)).isPresent());
        } finally {
            worker.stop();
            thread.join();
        }
    }

    @Test
    void should_write_the_weights_again_before_each_enqueue_when_redis_lost_them() throws Exception {
        QuorumRuntime runtime = runtime(Role.SCHEDULER);
        UnifiedJedis client = client();
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
