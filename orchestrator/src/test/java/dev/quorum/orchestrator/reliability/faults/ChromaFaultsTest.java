package dev.quorum.orchestrator.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.cycle.TickerDecision;
import dev.quorum.orchestrator.recall.RecallSettings;
import dev.quorum.orchestrator.reliability.Published;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.ChromaServer;
import dev.quorum.testkit.DelayingProxy;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chroma (the recall store) failing under real cycles: down at start, killed mid-run, slow (a delaying proxy in front
 * of the real server). Recall is an aid, not a dependency: every ticker is still decided, stored and published
 * exactly once, and a recall that fails says so in the envelope's meta.degraded.
 */
class ChromaFaultsTest {

    private final RedisServer redis = new RedisServer();
    private final ChromaServer chroma = new ChromaServer();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        chroma.close();
        redis.close();
    }

    private QuorumRuntime runtime(String chromaUrl) throws Exception {
        return QuorumRuntime.open(config(chromaUrl), PublishTarget.REDIS);
    }

    private QuorumConfig config(String chromaUrl) throws IOException {
        return QuorumRig.config(dir.resolve("state"), QuorumRig.sampleMarket(), redis.url(),
                "memory: {recall_store: chroma, chroma_url: \"" + chromaUrl + "\"}\n");
    }


    private void assertPublishedExactlyOnce(Set<String> decided) {
        try (UnifiedJedis client = RedisConnections.open(RedisUrl.parse(redis.url()))) {
            List<String> consumed = Published.consumedByNewGroup(client);
            assertEquals(decided, Set.copyOf(consumed));
            assertEquals(consumed.size(), decided.size(), "each correlation id once: " + consumed);
        }
        assertEquals(0, Published.pendingOutbox(dir.resolve("state/quorum.db")));
    }

    @Test
    void should_decide_and_publish_with_chroma_down_at_start() throws Exception {
        redis.start();
        chroma.start();
        String url = chroma.baseUrl();
        chroma.stop();
        LocalDate date = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 1).get(0);
        Set<String> decided;
        try (QuorumRuntime runtime = runtime(url)) {
            decided = QuorumRig.decideAll(runtime, List.of("AAPL", "MSFT"), date);
            assertEquals(2, runtime.publisher().drain());
        }
        assertPublishedExactlyOnce(decided);
    }

    @Test
    void should_decide_every_ticker_within_the_recall_deadline_while_chroma_is_slow_and_recall_again_once_it_is_not() throws Exception {
        redis.start();
        chroma.start();
        List<LocalDate> dates = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 2);
        Set<String> decided = new HashSet<>();
        try (DelayingProxy slowChroma = DelayingProxy.start("127.0.0.1", chroma.port())) {
            QuorumConfig config = config(slowChroma.baseUrl());
            Duration deadline = RecallSettings.from(config).build().deadline();
            // Far beyond anything a decision may wait for: a recall that waited for Chroma would show in the time.
            Duration slow = deadline.multipliedBy(30);
            try (QuorumRuntime runtime = QuorumRuntime.open(config, PublishTarget.REDIS)) {
                slowChroma.delay(slow);
                long start = System.nanoTime();
                CycleReport slowCycle = runtime.cycle().run(List.of("AAPL", "MSFT"), dates.get(0), () -> false);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertTrue(slowCycle.complete(), slowCycle.failed().toString());
                assertTrue(took.compareTo(slow) < 0, "each recall is given up at its deadline of " + deadline + ", took " + took);
                assertTrue(slowChroma.connections() > 0, "recall went to Chroma through the slow proxy");
                for (TickerDecision decision : slowCycle.decided()) {
                    String reason = "recall unavailable, decided without similar situations: TimeoutException: no answer within "
                            + deadline.toMillis() + " ms";
                    assertTrue(decision.degraded().contains(reason), decision.degraded().toString());
                    JsonNode meta = json.readTree(runtime.store().envelope(decision.correlationId()).orElseThrow()).path("meta");
                    assertTrue(meta.path("degraded").toString().contains("no answer within " + deadline.toMillis() + " ms"), meta.toString());
                }
                decided.addAll(slowCycle.decided().stream().map(TickerDecision::correlationId).toList());

                slowChroma.delay(Duration.ZERO);
                CycleReport healed = runtime.cycle().run(List.of("NVDA", "JPM"), dates.get(1), () -> false);
                assertTrue(healed.complete(), healed.failed().toString());
                for (TickerDecision decision : healed.decided()) {
                    assertTrue(decision.degraded().stream().noneMatch(d -> d.startsWith("recall")), decision.degraded().toString());
                }
                decided.addAll(healed.decided().stream().map(TickerDecision::correlationId).toList());
                assertEquals(4, runtime.publisher().drain());
            }
        }
        assertPublishedExactlyOnce(decided);
    }

    @Test
    void should_keep_deciding_when_chroma_is_killed_mid_run() throws Exception {
        redis.start();
        chroma.start();
        List<LocalDate> dates = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 2);
        Set<String> decided = new HashSet<>();
        try (QuorumRuntime runtime = runtime(chroma.baseUrl())) {
            decided.addAll(QuorumRig.decideAll(runtime, List.of("AAPL", "MSFT"), dates.get(0)));
            chroma.kill();
            decided.addAll(QuorumRig.decideAll(runtime, List.of("NVDA", "JPM"), dates.get(1)));
            assertEquals(4, runtime.publisher().drain());
        }
        assertPublishedExactlyOnce(decided);
    }
}
