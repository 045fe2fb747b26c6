package dev.quorum.orchestrator.backtest;

import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.backtest.replay.CacheStats;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An LLM backtest replayed with the same reply cache asks the model nothing and decides exactly the same. */
class ReplayCacheTest {

    private static final String MODEL = "qwen2.5:7b";

    @Test
    void should_replay_an_llm_backtest_from_the_cache_with_no_request_and_identical_decisions(@TempDir Path tmp) throws Exception {
        Path data = SampleBacktests.copySample(tmp.resolve("data"));
        Path cache = tmp.resolve("llm-cache.db");
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            // Replies vary from call to call: only a cache can make the second run identical.
            AtomicInteger calls = new AtomicInteger();
            ollama.model(MODEL).thenAlways(OllamaReply.content(chat -> {
                int n = calls.incrementAndGet();
                return "{\"signal\": \"" + (n % 3 == 0 ? "BEARISH" : "BULLISH") + "\", \"confidence\": " + (0.5 + (n % 5) / 10.0)
                        + ", \"summary\": \"call " + n + "\", \"key_factors\": [\"f" + n + "\"]}";
            }));
            Path config = tmp.resolve("quorum.yaml");
            Files.writeString(config, """
                    prompts_dir: %s
                    ollama:
                      endpoints:
                        - {name: test, url: "%s", parallel: 4}
                      chain:
                        - {endpoint: test, model: "%s"}
                    """.formatted(ProjectPaths.root().resolve("prompts"), ollama.baseUrl(), MODEL));
            LocalDate from = LocalDate.of(2023, 11, 1);
            LocalDate to = LocalDate.of(2023, 11, 8);

            Backtest.Outcome first = run(data, tmp.resolve("first.db"), from, to, config, cache);
            int requests = ollama.chatCount(MODEL);
            assertTrue(requests >= 4 * 6, "every agent asked the model on every session, got " + requests);
            assertEquals(new CacheStats(0, requests, first.info().llmCache().tokensSpent(), 0), first.info().llmCache());

            ollama.clearRecords();
            Backtest.Outcome second = run(data, tmp.resolve("second.db"), from, to, config, cache);
            assertEquals(0, ollama.chatCount(MODEL), "the replay must not call the model");
            assertEquals(requests, second.info().llmCache().hits());
            assertEquals(0, second.info().llmCache().misses());
            assertEquals(1.0, second.info().llmCache().hitRate());
            assertEquals(signals(tmp.resolve("first.db")), signals(tmp.resolve("second.db")));
        }
    }

    private static Backtest.Outcome run(Path data, Path db, LocalDate from, LocalDate to, Path config, Path cache) {
        BacktestSettings settings = new BacktestSettings(data, List.of("AAPL"), from, to, db, OptionalInt.empty());
        var quorum = BacktestConfig.of(settings, Optional.of(config), BacktestConfig.Backend.OLLAMA, "outcome-ema", Map.of());
        return Backtest.run(quorum, settings, BacktestConfig.Backend.OLLAMA, 0.0, 0.0, Backtest.Publish.NONE, cache,
                Progress.SILENT, () -> false);
    }

    private static List<String> signals(Path db) {
        return QuorumDatabase.open(db).read("read", c -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT d.trade_date, d.verdict, d.confidence, a.agent, a.signal, a.confidence, a.summary, a.key_factors_json,
                           a.prompt_tokens, a.completion_tokens, a.attempts
                    FROM decisions d JOIN agent_signals a ON a.decision_id = d.id ORDER BY d.trade_date, a.agent""")) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= 11; i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        });
    }
}
