package dev.quorum.orchestrator.scaleout;

import dev.quorum.agents.features.AgentInputs;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.memory.metalearner.AgentVote;
import dev.quorum.memory.metalearner.MetaLearnerConfig;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.orchestrator.runtime.RoleWork;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.quorum.testkit.Closer;
import dev.quorum.testkit.ProjectPaths;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.quorum.orchestrator.scaleout.WorkerRuns.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two workers and a scheduler in one JVM, each with its own SQLite, sharing a real redis-server: jobs are decided
 * once, and the single learner ends with exactly the trust weights one process deciding everything learns.
 */
class ScaleOutTest {

    private static final String STREAM = "maf:arena:trading_intelligence:output";
    /** Ten sessions whose 5-session outcomes are all known by the sample's last session. */
    private static final List<LocalDate> DATES = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 40).subList(0, 10);
    private static final LocalDate LAST_SESSION = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 1).get(0);

    private final Closer closer = new Closer();
    private final RedisServer redis = closer.add(new RedisServer());

    @TempDir
    Path dir;

    @BeforeEach
    void startRedis() {
        redis.start();
    }

    @AfterEach
    void stop() throws Exception {
        closer.close();
    }

    private String url(int db) {
        return redis.url().replaceAll("/0$", "/" + db);
    }

    private QuorumRuntime open(String name, int db, Role role) throws IOException {
        QuorumConfig config = QuorumRig.config(dir.resolve(name), QuorumRig.sampleMarket(), url(db), "");
        QuorumRuntime runtime = closer.add(role == Role.ALL ? QuorumRuntime.open(config, PublishTarget.REDIS) : QuorumRuntime.open(config, role));
        return runtime;
    }

    private UnifiedJedis client(int db) {
        UnifiedJedis client = closer.add(RedisConnections.open(RedisUrl.parse(url(db))));
        return client;
    }

    private JobWorker worker(QuorumRuntime runtime, String name) {
        QuorumConfig config = runtime.config();
        return new JobWorker(runtime.redis().orElseThrow(), runtime.scaleKeys(), config.scale().group(), name,
                Duration.ofSeconds(config.scale().reclaimIdleSeconds()), Duration.ofMillis(100), runtime.cycle(),
                runtime.publisher(), false,
                Duration.ofSeconds(120), Duration.ofSeconds(1800), runtime::refreshMarketData);
    }

    private EnvelopeLearner learner(QuorumRuntime scheduler, String name) {
        EnvelopeLearner learner = closer.add(new EnvelopeLearner(scheduler.redis().orElseThrow(), scheduler.scaleKeys(), STREAM, name,
                Duration.ofSeconds(3), scheduler.store(), new PublishedDecisions(new AgentInputs(scheduler.marketData()))));
        return learner;
    }

    @Test
    void should_decide_each_job_once_across_two_workers_and_learn_exactly_what_one_process_learns() throws Exception {
        // One process deciding everything: the reference.
        QuorumRuntime alone = open("alone", 1, Role.ALL);
        for (LocalDate date : DATES) {
            QuorumRig.decideAll(alone, QuorumRig.TICKERS, date);
        }
        alone.resolveOutcomes(LAST_SESSION);
        Map<String, Double> expected = alone.trust().currentWeights();
        // Sentiment abstains on these sessions (the sample's news ends in 2023) and is never scored.
        assertEquals(java.util.Set.of("technical", "risk", "macro"), expected.keySet(), "every voting agent was scored: " + expected);

        // Two workers and a scheduler on another Redis database, every job enqueued twice (a restarted scheduler).
        QuorumRuntime first = open("worker-1", 2, Role.WORKER);
        QuorumRuntime second = open("worker-2", 2, Role.WORKER);
        QuorumRuntime scheduler = open("scheduler", 2, Role.SCHEDULER);
        first.publisher().start();
        second.publisher().start();
        JobQueue queue = new JobQueue(client(2), scheduler.scaleKeys(), scheduler.config().scale().group());
        for (LocalDate date : DATES) {
            assertEquals(5, queue.enqueue(QuorumRig.TICKERS, date, true).jobs().size());
            assertEquals(5, queue.enqueue(QuorumRig.TICKERS, date, false).jobs().size(), "duplicates, on purpose");
        }
        EnvelopeLearner learner = learner(scheduler, "scheduler-a");
        learner.start();
        JobWorker one = worker(first, "worker-1");
        JobWorker two = worker(second, "worker-2");
        WorkerRuns.untilAcknowledged(queue, one, two);

        Set<String> decided = WorkerRuns.publishedOnce(client(2), STREAM);
        assertEquals(50, decided.size(), "5 tickers x 10 sessions, each published once");
        assertEquals(50, one.stats().decided() + two.stats().decided(), one.stats() + " " + two.stats());
        assertTrue(one.stats().decided() > 0 && two.stats().decided() > 0, "both workers took jobs: " + one.stats() + " " + two.stats());
        assertEquals(50, one.stats().alreadyPublished() + two.stats().alreadyPublished(),
                "every duplicate job was recognised: " + one.stats() + " " + two.stats());
        assertEquals(0, queue.backlog().deadLetters());

        await("the learner copied every published decision", () -> learner.copied() == 50);
        assertTrue(learner.leading());
        scheduler.resolveOutcomes(LAST_SESSION);
        assertEquals(expected, scheduler.trust().currentWeights(),
                "the same outcomes applied once each, in the same order, whichever worker decided what");
        assertEquals(expected, new SharedTrustWeights(client(2)).get(), "what workers read is what the learner holds");

        // The model workers predict with is the one the learner trained.
        SharedMetaLearner shared = new SharedMetaLearner(client(2), scheduler.scaleKeys(), scheduler.metaLearner().roster(),
                MetaLearnerConfig.defaults());
        assertTrue(shared.get().isEmpty(), "nothing published yet: no prediction rather than an untrained one");
        new SharedMetaLearner(client(2), scheduler.scaleKeys(), scheduler.metaLearner().roster(), MetaLearnerConfig.defaults())
                .publish(scheduler.metaLearner());
        assertEquals(50, scheduler.metaLearner().steps(), "one training step per resolved outcome");
        Map<String, AgentVote> votes = Map.of("technical", new AgentVote(Direction.BULLISH, 0.8, 1.1),
                "risk", new AgentVote(Direction.BEARISH, 0.4, 0.9));
        assertEquals(scheduler.metaLearner().predict(votes), shared.get().orElseThrow().predict(votes));
    }

    @Test
    void should_move_malformed_and_undecidable_jobs_to_the_dead_letter_stream_with_the_reason() throws Exception {
        QuorumRuntime runtime = open("worker", 4, Role.WORKER);
        UnifiedJedis jedis = client(4);
        ScaleKeys keys = runtime.scaleKeys();
        JobQueue queue = new JobQueue(jedis, keys, runtime.config().scale().group());
        queue.enqueue(List.of("AAPL"), DATES.get(0), true);
        jedis.xadd(keys.jobStream(), XAddParams.xAddParams(), Map.of("ticker", "aapl; DROP", "trade_date", "2024-13-01"));
        queue.enqueue(List.of("AAPL"), LocalDate.parse("2024-06-01"), true); // a Saturday: no session, never decidable
        JobWorker worker = new JobWorker(jedis, keys, runtime.config().scale().group(), "w", Duration.ofMillis(300),
                Duration.ofMillis(50), runtime.cycle(), runtime.publisher(), false,
                Duration.ofSeconds(120), Duration.ofSeconds(1800), runtime::refreshMarketData);
        Thread thread = new Thread(worker);
        thread.start();
        await("every job acknowledged", () -> {
            JobQueue.Backlog backlog = queue.backlog();
            return backlog.pending() == 0 && backlog.undelivered() == 0;
        });
        worker.stop();
        thread.join();

        assertEquals(1, worker.stats().decided());
        List<StreamEntry> dead = jedis.xrange(keys.deadLetters(), "-", "+");
        assertEquals(2, dead.size(), dead.toString());
        assertTrue(dead.get(0).getFields().get("reason").contains("is not a date YYYY-MM-DD"), dead.get(0).getFields().toString());
        assertEquals("2024-06-01", dead.get(1).getFields().get("trade_date"));
        assertTrue(dead.get(1).getFields().get("reason").contains("2024-06-01"), "the cycle's reason: " + dead.get(1).getFields());
        assertEquals(2, queue.backlog().deadLetters());
        JobQueue.DeadLetter newest = queue.backlog().latestDeadLetters().get(0);
        assertEquals("AAPL 2024-06-01 (worker w): " + dead.get(1).getFields().get("reason"),
                newest.describe().substring(newest.describe().indexOf(' ') + 1), "what jobs status shows, newest first");
        assertEquals(2, queue.backlog().latestDeadLetters().size());
    }

    /** A scheduler on database 7 whose watchlist, AAPL, ZZZZ and MSFT, has no price file for ZZZZ. */
    private QuorumRuntime schedulerRuntimeWithoutZzzzPrices() throws Exception {
        Path dataDir = Files.createDirectories(dir.resolve("scheduler"));
        Path file = dataDir.resolve("quorum.yaml");
        Files.writeString(file, "watchlist: [AAPL, ZZZZ, MSFT]\n"
                + "data_dir: \"" + dataDir + "\"\n"
                + "prompts_dir: \"" + ProjectPaths.root().resolve("prompts") + "\"\n"
                + "market: {data_dir: \"" + QuorumRig.sampleMarket() + "\"}\n");
        QuorumConfig config = new ConfigLoader(Map.of("QUORUM_REDIS_URL", url(7))).from(Optional.of(file));
        return closer.add(QuorumRuntime.open(config, Role.SCHEDULER));
    }

    private RoleWork scheduler(QuorumRuntime runtime) {
        RoleWork scheduler = RoleWork.scheduler(runtime, new SimpleMeterRegistry());
        closer.add(() -> scheduler.stop().getAsBoolean());
        return scheduler;
    }

    @Test
    void should_leave_out_of_the_jobs_a_ticker_without_price_data_and_report_why_as_jobs_enqueue_refuses_it() throws Exception {
        QuorumRuntime runtime = schedulerRuntimeWithoutZzzzPrices();
        RoleWork scheduler = scheduler(runtime);

        CycleReport report = scheduler.engine().scan();

        // A worker could never decide ZZZZ: its job would be delivered three times and dead-lettered, every session.
        assertEquals(Map.of("ZZZZ", "no price data for ZZZZ: expected prices/ZZZZ.csv under " + QuorumRig.sampleMarket()
                + ": not enqueued"), report.failed());
        assertFalse(report.complete(), "the cycle says a ticker was not decided");
        List<String> jobs = client(7).xrange(runtime.scaleKeys().jobStream(), "-", "+").stream()
                .map(entry -> entry.getFields().get("ticker")).toList();
        assertEquals(List.of("AAPL", "MSFT"), jobs);
    }

    @Test
    void should_report_a_ticker_without_price_data_as_already_decided_when_its_final_decision_of_the_day_is_published()
            throws Exception {
        QuorumRuntime runtime = schedulerRuntimeWithoutZzzzPrices();
        RoleWork scheduler = scheduler(runtime);
        LocalDate tradeDate = scheduler.engine().scan().tradeDate();
        // Published by a worker before the price file went away.
        new DecisionRegistry(client(7), runtime.scaleKeys()).claimPublication("ZZZZ", tradeDate, "zzzz-final", false, false);

        CycleReport report = scheduler.engine().scan();

        assertEquals(tradeDate, report.tradeDate());
        assertEquals(Map.of(), report.failed(), "nothing left to do for ZZZZ");
        assertEquals(Map.of("ZZZZ", "zzzz-final"), report.alreadyDecided());
        assertTrue(report.complete());
    }

    /** Two schedulers on database {@code db}: a, whose learner leads, and b, whose learner stands by. */
    private record TwoSchedulers(QuorumRuntime a, QuorumRuntime b, EnvelopeLearner leader, EnvelopeLearner standby) {
    }

    private TwoSchedulers twoSchedulers(int db) throws Exception {
        QuorumRuntime a = open("scheduler-a", db, Role.SCHEDULER);
        QuorumRuntime b = open("scheduler-b", db, Role.SCHEDULER);
        EnvelopeLearner leader = learner(a, "scheduler-a");
        leader.start();
        await("a leads", leader::leading);
        EnvelopeLearner standby = learner(b, "scheduler-b");
        standby.start();
        return new TwoSchedulers(a, b, leader, standby);
    }

    @Test
    void should_let_one_learner_learn_while_a_second_scheduler_stands_by_and_takes_over() throws Exception {
        TwoSchedulers schedulers = twoSchedulers(3);
        EnvelopeLearner leader = schedulers.leader();
        EnvelopeLearner standby = schedulers.standby();
        assertFalse(standby.leading());

        QuorumRuntime worker = open("worker", 3, Role.WORKER);
        QuorumRig.decideAll(worker, List.of("AAPL"), DATES.get(0));
        worker.publisher().drain();
        await("the leader copied the decision", () -> leader.copied() == 1);
        assertEquals(0, standby.copied(), "one writer only");

        leader.close();
        await("b takes over", standby::leading);
        assertEquals(1, standby.copied(), "taking over, it copies what the leader had copied (the group will not deliver it again)");
        QuorumRig.decideAll(worker, List.of("MSFT"), DATES.get(0));
        worker.publisher().drain();
        await("the stand-by copied the next decision", () -> standby.copied() == 2);
    }

    @Test
    void should_continue_the_leaders_learning_when_a_stand_by_takes_over() throws Exception {
        TwoSchedulers schedulers = twoSchedulers(5);
        QuorumRuntime a = schedulers.a();
        QuorumRuntime b = schedulers.b();
        EnvelopeLearner leader = schedulers.leader();
        EnvelopeLearner standby = schedulers.standby();
        QuorumRuntime worker = open("worker", 5, Role.WORKER);
        for (LocalDate date : DATES.subList(0, 4)) {
            QuorumRig.decideAll(worker, QuorumRig.TICKERS, date);
        }
        worker.publisher().drain();
        await("the leader copied every decision", () -> leader.copied() == 20);
        a.resolveOutcomes(LAST_SESSION);
        Map<String, Double> learnt = a.trust().currentWeights();
        assertEquals(20, a.metaLearner().steps());

        leader.close(); // the leader dies; its successor learns on from the same decisions
        await("b takes over", standby::leading);
        b.resolveOutcomes(LAST_SESSION);
        assertEquals(learnt, b.trust().currentWeights(), "the outcomes the leader learnt from, learnt again in the same order");
        assertEquals(20, b.metaLearner().steps());
    }

    @Test
    void should_enqueue_and_learn_nothing_on_a_stand_by_scheduler() throws Exception {
        // Each scheduler under its own name, as on two machines (in one JVM the default <host>-<pid> is the same).
        QuorumRuntime a = closer.add(QuorumRuntime.open(QuorumRig.config(dir.resolve("scheduler-a"), QuorumRig.sampleMarket(),
                url(6), "scale: {consumer: scheduler-a}\n"), Role.SCHEDULER));
        QuorumRuntime b = closer.add(QuorumRuntime.open(QuorumRig.config(dir.resolve("scheduler-b"), QuorumRig.sampleMarket(),
                url(6), "scale: {consumer: scheduler-b}\n"), Role.SCHEDULER));
        SimpleMeterRegistry leaderMetrics = new SimpleMeterRegistry();
        RoleWork leader = RoleWork.scheduler(a, leaderMetrics);
        closer.add(() -> leader.stop().getAsBoolean());
        await("a leads", () -> leaderMetrics.get("quorum.learner.leading").gauge().value() == 1);
        RoleWork standby = RoleWork.scheduler(b, new SimpleMeterRegistry());
        closer.add(() -> standby.stop().getAsBoolean());
        UnifiedJedis jedis = client(6);
        String model = a.scaleKeys().metaLearner();
        jedis.hset(model, Map.of("steps", "7", "model", "the leader's model"));

        standby.engine().scan();

        assertEquals(0, jedis.xlen(a.scaleKeys().jobStream()), "the stand-by enqueued nothing");
        assertEquals("7", jedis.hget(model, "steps"), "nor published its own meta-learner over the leader's");
        leader.engine().scan();
        assertEquals(QuorumRig.TICKERS.size(), jedis.xlen(a.scaleKeys().jobStream()), "the leader enqueues");
        assertEquals("0", jedis.hget(model, "steps"), "and publishes its model");
    }
}
