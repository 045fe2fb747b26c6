package dev.quorum.orchestrator.scaleout;

import dev.quorum.agents.features.AgentInputs;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.memory.store.CurrentDecision;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.Closer;
import dev.quorum.testkit.ManualClock;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static dev.quorum.orchestrator.scaleout.WorkerRuns.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale-out workers do not lock in an outage: a job decided provisionally (every model failing on the Ollama test
 * server) is published as provisional, held, and decided again once the models answer, by the same worker or, when
 * that one died, by the worker that takes its job over; each new envelope names the one it supersedes, every
 * envelope is published once, and the scheduler's copy ends with one final decision. Real redis-server and SQLite.
 */
class ProvisionalJobsTest {

    private static final String VOTE = "{\"signal\": \"BULLISH\", \"confidence\": 0.6, \"summary\": \"ok\", \"key_factors\": [\"k\"]}";
    private static final LocalDate DATE = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 1).get(0);

    private final Closer closer = new Closer();
    private final RedisServer redis = closer.add(new RedisServer());
    private OllamaTestServer ollama;

    @TempDir
    Path dir;

    @BeforeEach
    void servers() {
        redis.start();
        ollama = closer.add(OllamaTestServer.start());
        ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.busy());
        ollama.model(QuorumRig.SECOND_MODEL).thenAlways(OllamaReply.busy());
    }

    @AfterEach
    void stop() throws Exception {
        closer.close();
    }

    private void heal() {
        ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.content(VOTE));
        ollama.model(QuorumRig.SECOND_MODEL).thenAlways(OllamaReply.content(VOTE));
    }

    private QuorumRuntime open(String name, Role role) throws Exception {
        return open(name, role, QuorumRig.sampleMarket());
    }

    private QuorumRuntime open(String name, Role role, Path market) throws Exception {
        // The breaker stays closed: the outage must end for the cycle the moment the server answers again.
        String panel = QuorumRig.llmPanel(ollama.baseUrl())
                .replace("breaker_failure_rate_percent: 100}", "breaker_failure_rate_percent: 100, breaker_minimum_calls: 100}");
        QuorumConfig config = QuorumRig.config(dir.resolve(name), market, redis.url(), panel);
        QuorumRuntime runtime = closer.add(QuorumRuntime.open(config, role));
        return runtime;
    }

    private UnifiedJedis client() {
        UnifiedJedis client = closer.add(RedisConnections.open(RedisUrl.parse(redis.url())));
        return client;
    }

    private static JobWorker worker(QuorumRuntime runtime, String name, Duration reclaimIdle) {
        return worker(runtime, name, reclaimIdle, Clock.systemUTC());
    }

    private static JobWorker worker(QuorumRuntime runtime, String name, Duration reclaimIdle, Clock clock) {
        return new JobWorker(runtime.redis().orElseThrow(), runtime.scaleKeys(), runtime.config().scale().group(), name,
                reclaimIdle, Duration.ofMillis(50), runtime.cycle(), runtime.publisher(), false,
                Duration.ofMillis(200), Duration.ofMillis(400), runtime::refreshMarketData, clock);
    }

    /** A worker running on its own thread. */
    private record Running(JobWorker worker, Thread thread) {
        void stop() throws InterruptedException {
            worker.stop();
            thread.join();
        }
    }

    /** Enqueues the AAPL job, starts a worker on it and waits until it has published a provisional decision. */
    private static Running provisionallyDecided(QuorumRuntime runtime, UnifiedJedis client, JobQueue queue) throws InterruptedException {
        queue.enqueue(List.of("AAPL"), DATE, true);
        Running running = started(worker(runtime, "worker-1", Duration.ofSeconds(60)));
        await("a provisional decision published", () -> registered(runtime, client).map(DecisionRegistry.Published::provisional).orElse(false));
        return running;
    }

    private static Running started(JobWorker worker) {
        Thread thread = new Thread(worker);
        thread.start();
        return new Running(worker, thread);
    }

    private static JobQueue queue(QuorumRuntime runtime, UnifiedJedis client) {
        return new JobQueue(client, runtime.scaleKeys(), runtime.config().scale().group());
    }

    private static Optional<DecisionRegistry.Published> registered(QuorumRuntime runtime, UnifiedJedis client) {
        return new DecisionRegistry(client, runtime.scaleKeys()).published(new DecisionJob("AAPL", DATE));
    }

    /** Every envelope on the stream, in order; fails on a correlation id published twice. */
    private static List<TradingIntelligenceEnvelope> published(UnifiedJedis client, QuorumRuntime runtime) {
        List<TradingIntelligenceEnvelope> envelopes = new ArrayList<>();
        var ids = new HashSet<String>();
        for (StreamEntry entry : client.xrange(runtime.config().redis().stream(), "-", "+")) {
            TradingIntelligenceEnvelope envelope = EnvelopeJson.decode(entry.getFields().get("data")).orElseThrow();
            assertTrue(ids.add(envelope.correlationId()), "published twice: " + envelope.correlationId());
            envelopes.add(envelope);
        }
        return envelopes;
    }

    /**
     * The envelopes form one chain: each provisional but the last, each superseding the one before it, the first
     * superseding nothing. (How many provisional tries the outage took depends on timing; the chain does not.)
     */
    private static void assertSupersedingChain(List<TradingIntelligenceEnvelope> envelopes) {
        assertTrue(envelopes.size() >= 2, "a provisional decision, then the final one: " + envelopes.size());
        assertEquals(null, envelopes.get(0).meta().get("supersedes"), envelopes.get(0).meta().toString());
        for (int i = 0; i < envelopes.size(); i++) {
            var meta = envelopes.get(i).meta();
            assertEquals(i < envelopes.size() - 1, meta.get("provisional"), "envelope " + i + ": " + meta);
            if (i > 0) {
                assertEquals(envelopes.get(i - 1).correlationId(), meta.get("supersedes"), "envelope " + i + ": " + meta);
            }
        }
    }

    @Test
    void should_hold_a_provisional_job_and_decide_it_again_once_the_models_answer() throws Exception {
        QuorumRuntime runtime = open("worker-1", Role.WORKER);
        UnifiedJedis client = client();
        JobQueue queue = queue(runtime, client);
        Running running = provisionallyDecided(runtime, client, queue);

        assertEquals(1, queue.backlog().pending(), "held, not acknowledged");
        assertEquals(1, queue.enqueue(List.of("AAPL"), DATE, true).jobs().size(),
                "a provisional decision does not make the job published: enqueuing it again decides it again");
        heal();
        await("the final decision published", () -> registered(runtime, client).map(p -> !p.provisional()).orElse(false));
        await("every job acknowledged", () -> queue.backlog().pending() == 0 && queue.backlog().undelivered() == 0);
        running.stop();

        List<TradingIntelligenceEnvelope> envelopes = published(client, runtime);
        assertSupersedingChain(envelopes);
        String last = envelopes.get(envelopes.size() - 1).correlationId();
        assertEquals(last, registered(runtime, client).orElseThrow().correlationId());
        assertEquals(Optional.of(new CurrentDecision(last, false)), runtime.store().currentDecision("AAPL", DATE),
                "the worker's SQLite: the final decision current, the provisional ones superseded");
        assertTrue(running.worker().stats().provisional() >= 1, running.worker().stats().toString());
        assertEquals(0, running.worker().stats().deadLettered());
    }

    @Test
    void should_let_another_worker_supersede_the_provisional_decision_of_a_worker_that_died() throws Exception {
        QuorumRuntime first = open("worker-1", Role.WORKER);
        QuorumRuntime second = open("worker-2", Role.WORKER);
        QuorumRuntime scheduler = open("scheduler", Role.SCHEDULER);
        UnifiedJedis client = client();
        JobQueue queue = queue(first, client);
        // worker-1 goes away holding the job (pending in its list, never acknowledged).
        provisionallyDecided(first, client, queue).stop();
        assertEquals(1, queue.backlog().pending());
        List<TradingIntelligenceEnvelope> fromFirst = published(client, first);

        heal();
        Running running = started(worker(second, "worker-2", Duration.ofMillis(300)));
        await("every job acknowledged", () -> queue.backlog().pending() == 0 && queue.backlog().undelivered() == 0);
        running.stop();
        JobWorker two = running.worker();

        List<TradingIntelligenceEnvelope> envelopes = published(client, first);
        assertSupersedingChain(envelopes);
        TradingIntelligenceEnvelope last = envelopes.get(envelopes.size() - 1);
        assertEquals(fromFirst.get(fromFirst.size() - 1).correlationId(), last.meta().get("supersedes"),
                "worker-2 names worker-1's provisional decision, which is not in its SQLite");
        assertEquals(1, two.stats().reclaimed());
        assertEquals(1, two.stats().decided());
        assertEquals(Optional.of(new CurrentDecision(last.correlationId(), false)), second.store().currentDecision("AAPL", DATE));

        // The learner copies every envelope; its current decision for the day is the final one.
        EnvelopeLearner learner = closer.add(new EnvelopeLearner(scheduler.redis().orElseThrow(), scheduler.scaleKeys(),
                scheduler.config().redis().stream(), "scheduler", Duration.ofSeconds(3), scheduler.store(),
                new PublishedDecisions(new AgentInputs(scheduler.marketData()))));
        learner.start();
        await("the learner copied every envelope", () -> learner.copied() == envelopes.size());
        assertEquals(Optional.of(new CurrentDecision(last.correlationId(), false)), scheduler.store().currentDecision("AAPL", DATE));
    }

    @Test
    void should_acknowledge_a_held_job_whose_tries_fail_once_the_day_it_was_held_on_has_ended() throws Exception {
        Path market = QuorumRig.sampleMarketCopy(dir.resolve("market"));
        QuorumRuntime runtime = open("worker-1", Role.WORKER, market);
        UnifiedJedis client = client();
        JobQueue queue = queue(runtime, client);
        // 20:00 in New York: the job is held on this day, and tried again only when the test moves the clock.
        ManualClock clock = new ManualClock(Instant.parse("2026-01-06T01:00:00Z"));
        queue.enqueue(List.of("AAPL"), DATE, true);
        // Reclaimed after 10 minutes only: a held job is claimed again by the clock's time, which stands still here.
        Running running = started(worker(runtime, "worker-1", Duration.ofMinutes(10), clock));
        await("a provisional decision published", () -> registered(runtime, client).map(DecisionRegistry.Published::provisional).orElse(false));

        // Every try fails from now on (the ticker's prices gone from this worker's market data), none comes out
        // provisional again: the day's end must end the hold by itself, or the job is held and tried for good.
        Files.delete(market.resolve("prices").resolve("AAPL.csv"));
        clock.advance(Duration.ofHours(5));
        await("the job acknowledged after its day", () -> queue.backlog().pending() == 0);
        running.stop();

        assertEquals(0, running.worker().stats().deadLettered());
        assertTrue(registered(runtime, client).orElseThrow().provisional(), "the provisional decision stays as it is");
    }
}
