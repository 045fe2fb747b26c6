package dev.quorum.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.memory.store.CurrentDecision;
import dev.quorum.orchestrator.reliability.Published;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.reliability.StoredRows;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Ollama outage on a {@code run}: the decisions are provisional (exit 1, named), and the next {@code run} once the
 * models answer decides them again and supersedes them, each envelope published exactly once. Real cycles on the
 * Ollama test server, SQLite and redis-server; each {@code run} is a fresh runtime on the same state, as the
 * command is.
 */
class ProvisionalDecisionsTest {

    private static final String VOTE = "{\"signal\": \"BULLISH\", \"confidence\": 0.6, \"summary\": \"ok\", \"key_factors\": [\"k\"]}";
    private static final List<String> TICKERS = List.of("AAPL", "MSFT");

    private final ObjectMapper json = new ObjectMapper();
    private final RedisServer redis = new RedisServer();
    private OllamaTestServer ollama;

    @TempDir
    Path dir;

    @BeforeEach
    void servers() {
        redis.start();
        ollama = OllamaTestServer.start();
    }

    @AfterEach
    void stop() {
        ollama.close();
        redis.close();
    }

    private record Run(int exitCode, String out) {
    }

    private Run run(LocalDate date) throws Exception {
        Path state = dir.resolve("state");
        try (QuorumRuntime runtime = QuorumRuntime.open(QuorumRig.config(state, QuorumRig.sampleMarket(), redis.url(),
                QuorumRig.llmPanel(ollama.baseUrl())), PublishTarget.REDIS)) {
            StringWriter out = new StringWriter();
            int code = CycleCommand.runOnce(runtime, TICKERS, date, new PrintWriter(out));
            return new Run(code, out.toString());
        }
    }

    private JsonNode envelope(String correlationId) throws Exception {
        Path db = dir.resolve("state").resolve("quorum.db");
        return json.readTree(StoredRows.column(db,
                "SELECT envelope_json FROM decisions WHERE correlation_id = '" + correlationId + "'").get(0));
    }

    private Map<String, CurrentDecision> current(LocalDate date) throws Exception {
        Path db = dir.resolve("state").resolve("quorum.db");
        Map<String, CurrentDecision> current = new HashMap<>();
        for (String row : StoredRows.column(db,
                "SELECT ticker || ' ' || correlation_id || ' ' || provisional FROM decisions WHERE superseded_by IS NULL"
                        + " AND trade_date = '" + date + "'")) {
            String[] parts = row.split(" ");
            current.put(parts[0], new CurrentDecision(parts[1], parts[2].equals("1")));
        }
        return current;
    }

    @Test
    void should_store_an_outage_as_provisional_exit_1_and_supersede_it_once_the_models_answer() throws Exception {
        LocalDate date = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 1).get(0);
        // The runner crashed on both models: no agent can vote.
        ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.internalError());
        ollama.model(QuorumRig.SECOND_MODEL).thenAlways(OllamaReply.internalError());

        Run outage = run(date);

        assertEquals(1, outage.exitCode(), outage.out());
        assertTrue(outage.out().contains("Provisional (the models or their servers failed): AAPL, MSFT"), outage.out());
        Map<String, CurrentDecision> provisional = current(date);
        assertEquals(Set.of("AAPL", "MSFT"), provisional.keySet());
        for (CurrentDecision decision : provisional.values()) {
            assertTrue(decision.provisional(), provisional.toString());
            JsonNode meta = envelope(decision.correlationId()).path("meta");
            assertTrue(meta.path("provisional").asBoolean(), meta.toString());
            assertTrue(meta.path("supersedes").isNull(), meta.toString());
            String degraded = meta.path("degraded").toString();
            assertEquals(1, degraded.split("technical \\(model\\)", -1).length - 1, "each abstention once: " + degraded);
            // The crashed runner is a model failure, and the envelope says what each model did.
            String path = meta.path("fallback_paths").path("technical").toString();
            assertTrue(path.contains(QuorumRig.FIRST_MODEL + " -> 500 model runner failed: ")
                    && path.contains("llama runner process has terminated"), meta.toString());
        }

        // The server is back.
        ollama.model(QuorumRig.FIRST_MODEL).thenAlways(OllamaReply.content(VOTE));
        ollama.model(QuorumRig.SECOND_MODEL).thenAlways(OllamaReply.content(VOTE));
        Run healed = run(date);

        assertEquals(0, healed.exitCode(), healed.out());
        assertFalse(healed.out().contains("KEPT"), healed.out());
        Map<String, CurrentDecision> decided = current(date);
        for (String ticker : TICKERS) {
            CurrentDecision now = decided.get(ticker);
            assertFalse(now.provisional(), decided.toString());
            JsonNode meta = envelope(now.correlationId()).path("meta");
            assertFalse(meta.path("provisional").asBoolean(), meta.toString());
            assertEquals(provisional.get(ticker).correlationId(), meta.path("supersedes").asText(), meta.toString());
        }

        // A final decision is kept as before: no model is asked again.
        int chatsBefore = ollama.chats().size();
        Run again = run(date);
        assertEquals(0, again.exitCode(), again.out());
        assertTrue(again.out().contains("KEPT"), again.out());
        assertEquals(chatsBefore, ollama.chats().size());

        // Nothing lost, nothing published twice: the two provisional envelopes and the two final ones.
        try (UnifiedJedis client = RedisConnections.open(RedisUrl.parse(redis.url()))) {
            List<String> consumed = Published.consumedByNewGroup(client);
            assertEquals(4, consumed.size(), consumed.toString());
            assertEquals(Published.storedDecisionIds(dir.resolve("state").resolve("quorum.db")), Set.copyOf(consumed));
        }
        assertEquals(List.of(), Published.duplicateCurrentDecisions(dir.resolve("state").resolve("quorum.db")));
    }
}
