package dev.quorum.orchestrator.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.cycle.TickerDecision;
import dev.quorum.orchestrator.reliability.Published;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ollama failing in each way the matrix lists, under real cycles (LLM panel with a two-model chain, SQLite,
 * redis-server). Where a second model can answer, every agent votes with it; where none can, each decision is a
 * degraded HOLD with confidence 0 that says why. Either way every decision is stored and published exactly once,
 * and when the fault clears the next cycle uses the first model again.
 */
class OllamaFaultsTest {

    /** The sample's news ends in 2023: on its last sessions sentiment has nothing to judge and abstains uncalled. */
    private static final int VOTERS = 3;

    private static final String FIRST = "{\"signal\": \"BEARISH\", \"confidence\": 0.4, \"summary\": \"first-model-ok\", \"key_factors\": [\"k\"]}";
    private static final String SECOND = "{\"signal\": \"BULLISH\", \"confidence\": 0.6, \"summary\": \"second-model-ok\", \"key_factors\": [\"k\"]}";
    private static final List<String> TICKERS = List.of("AAPL", "MSFT");

    enum Fault {
        DOWN(false), EVERY_MODEL_404(false), BUSY_503(true), ERROR_500(true), SLOWER_THAN_TIMEOUT(true),
        MALFORMED_JSON(true), SCHEMA_BREAKING_JSON(true), ONE_ENDPOINT_OF_TWO_DOWN(true);

        final boolean secondModelAnswers;

        Fault(boolean secondModelAnswers) {
            this.secondModelAnswers = secondModelAnswers;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final RedisServer redis = new RedisServer();
    private OllamaTestServer ollama;
    private UnifiedJedis client;

    @TempDir
    Path dir;

    @BeforeEach
    void servers() {
        redis.start();
        client = RedisConnections.open(RedisUrl.parse(redis.url()));
        ollama = OllamaTestServer.start();
        ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.content(FIRST));
        ollama.model(QuorumRig.SECOND_MODEL).thenAlways(OllamaReply.content(SECOND));
    }

    @AfterEach
    void stop() {
        client.close();
        ollama.close();
        redis.close();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void should_decide_with_the_next_model_or_degrade_and_publish_each_decision_exactly_once(Fault fault) throws Exception {
        String firstUrl = ollama.baseUrl();
        String secondUrl = ollama.baseUrl();
        int timeoutSeconds = 10;
        switch (fault) {
            case DOWN -> {
                firstUrl = OllamaTestServer.closedPortUrl();
                secondUrl = firstUrl;
            }
            case EVERY_MODEL_404 -> {
                ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.modelNotFound());
                ollama.model(QuorumRig.SECOND_MODEL).thenAlways(OllamaReply.modelNotFound());
            }
            case BUSY_503 -> ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.busy());
            case ERROR_500 -> ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.internalError());
            case SLOWER_THAN_TIMEOUT -> {
                timeoutSeconds = 1;
                ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.content(FIRST).after(Duration.ofSeconds(3)));
            }
            case MALFORMED_JSON -> ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.malformedJson());
            case SCHEMA_BREAKING_JSON -> ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.content("{\"signal\": \"UP\", \"confidence\": 2}"));
            case ONE_ENDPOINT_OF_TWO_DOWN -> firstUrl = OllamaTestServer.closedPortUrl();
        }
        Path state = dir.resolve("state");
        List<LocalDate> dates = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 2);
        try (QuorumRuntime runtime = QuorumRuntime.open(QuorumRig.config(state, QuorumRig.sampleMarket(), redis.url(),
                QuorumRig.llmPanel(firstUrl, secondUrl, timeoutSeconds)), PublishTarget.REDIS)) {
            CycleReport report = runtime.cycle().run(TICKERS, dates.get(0), () -> false);

            assertTrue(report.complete(), fault + ": " + report.failed());
            for (TickerDecision decision : report.decided()) {
                JsonNode envelope = json.readTree(runtime.store().envelope(decision.correlationId()).orElseThrow());
                if (fault.secondModelAnswers) {
                    assertEquals(VOTERS, decision.voted(), fault + ": " + envelope);
                    for (JsonNode signal : envelope.at("/decision/agent_signals")) {
                        assertEquals("second-model-ok", signal.path("summary").asText(), fault + ": " + envelope);
                    }
                } else {
                    assertEquals(0, decision.voted(), fault + ": " + envelope);
                    assertEquals(Verdict.HOLD, decision.verdict());
                    assertEquals(0.0, decision.confidence());
                    assertFalse(decision.degraded().isEmpty(), "a degraded decision says why");
                    assertTrue(envelope.path("meta").path("degraded").size() > 0, envelope.toString());
                }
            }
            assertEquals(2, runtime.publisher().drain());

            if (fault.secondModelAnswers && fault != Fault.ONE_ENDPOINT_OF_TWO_DOWN) {
                ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.content(FIRST));
                CycleReport healed = runtime.cycle().run(TICKERS, dates.get(1), () -> false);
                assertTrue(healed.decided().stream().allMatch(d -> d.voted() == VOTERS
                        && d.degraded().equals(List.of("abstained: sentiment (data)"))), healed.toString());
                assertEquals(2, runtime.publisher().drain());
            }
        }
        List<String> consumed = Published.consumedByNewGroup(client);
        Set<String> stored = Published.storedDecisionIds(state.resolve("quorum.db"));
        assertEquals(stored, Set.copyOf(consumed), "every stored decision published");
        assertEquals(consumed.size(), Set.copyOf(consumed).size(), "published once each: " + consumed.stream().collect(Collectors.joining(",")));
        assertEquals(0, Published.pendingOutbox(state.resolve("quorum.db")));
        assertEquals(List.of(), Published.duplicateCurrentDecisions(state.resolve("quorum.db")));
    }
}
