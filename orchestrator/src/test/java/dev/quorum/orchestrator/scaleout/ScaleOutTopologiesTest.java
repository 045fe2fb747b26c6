package dev.quorum.orchestrator.scaleout;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.Closer;
import dev.quorum.testkit.RedisCluster;
import dev.quorum.testkit.RedisSentinel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.UnifiedJedis;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.quorum.orchestrator.scaleout.WorkerRuns.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scaled-out roles through a {@code redis-sentinel://} and a {@code redis-cluster://} URL, on real servers:
 * two workers and a scheduler's learner; every job enqueued twice is decided and published once. On the Cluster the
 * job stream and its registry keys share the {@code {quorum}} slot while the arena's stream and decision hashes
 * (names fixed by the wire contract) spread over the masters.
 */
class ScaleOutTopologiesTest {

    private static final String STREAM = "maf:arena:trading_intelligence:output";
    private static final List<LocalDate> DATES = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 40).subList(0, 2);

    @RegisterExtension
    static final RedisSentinel SENTINEL = new RedisSentinel("quorum-master", Optional.empty());
    @RegisterExtension
    static final RedisCluster CLUSTER = new RedisCluster();

    private final Closer closer = new Closer();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        closer.close();
    }

    private static String url(String topology) {
        return topology.equals("cluster") ? CLUSTER.url() : SENTINEL.url();
    }

    private QuorumRuntime open(String name, String url, Role role) throws Exception {
        QuorumConfig config = QuorumRig.config(dir.resolve(name), QuorumRig.sampleMarket(), url, "");
        QuorumRuntime runtime = closer.add(QuorumRuntime.open(config, role));
        return runtime;
    }

    private JobWorker worker(QuorumRuntime runtime, String name) {
        return new JobWorker(runtime.redis().orElseThrow(), runtime.scaleKeys(), runtime.config().scale().group(), name,
                Duration.ofSeconds(runtime.config().scale().reclaimIdleSeconds()), Duration.ofMillis(100), runtime.cycle(),
                runtime.publisher(), false,
                Duration.ofSeconds(120), Duration.ofSeconds(1800), runtime::refreshMarketData);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sentinel", "cluster"})
    void should_decide_each_job_once_across_two_workers(String topology) throws Exception {
        String url = url(topology);
        UnifiedJedis redis = closer.add(RedisConnections.open(RedisUrl.parse(url)));
        redis.del(STREAM);
        QuorumRuntime first = open("worker-1", url, Role.WORKER);
        QuorumRuntime second = open("worker-2", url, Role.WORKER);
        QuorumRuntime scheduler = open("scheduler", url, Role.SCHEDULER);
        first.publisher().start();
        second.publisher().start();
        JobQueue queue = new JobQueue(redis, scheduler.scaleKeys(), scheduler.config().scale().group());
        for (LocalDate date : DATES) {
            assertEquals(5, queue.enqueue(QuorumRig.TICKERS, date, true).jobs().size());
            assertEquals(5, queue.enqueue(QuorumRig.TICKERS, date, false).jobs().size(), "duplicates, on purpose");
        }
        EnvelopeLearner learner = closer.add(new EnvelopeLearner(scheduler.redis().orElseThrow(), scheduler.scaleKeys(), STREAM,
                "scheduler-" + topology, Duration.ofSeconds(3), scheduler.store(),
                new PublishedDecisions(new dev.quorum.agents.features.AgentInputs(scheduler.marketData()))));
        learner.start();
        JobWorker one = worker(first, "worker-1");
        JobWorker two = worker(second, "worker-2");
        WorkerRuns.untilAcknowledged(queue, one, two);

        Set<String> decided = WorkerRuns.publishedOnce(redis, STREAM);
        assertEquals(10, decided.size(), "5 tickers x 2 sessions, each published once");
        assertEquals(10, one.stats().alreadyPublished() + two.stats().alreadyPublished(),
                "every duplicate job was recognised: " + one.stats() + " " + two.stats());
        assertEquals(0, queue.backlog().deadLetters());
        await("the learner copied every published decision", () -> learner.copied() == 10);
    }
}
