package dev.quorum.orchestrator.backtest;

import dev.quorum.agents.prompts.PromptMode;
import dev.quorum.orchestrator.cycle.PrefetchedAgents;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.OllamaTestServer.RecordedChat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipelined walk (the agents of the next sessions asked while one is decided) decides exactly as the
 * session-by-session walk. The model's replies are a hash of the whole prompt, so an agent asked with another input
 * (a recalled situation too many or too few, another day's features) or a synthesis seeing other trust weights would
 * answer differently, and the comparison would fail.
 */
class PipelinedWalkTest {

    private static final String MODEL = "qwen2.5:7b";
    private static final List<String> TICKERS = List.of("AAPL", "MSFT", "NVDA");
    // Late in the 2023-2024 sample (the 200-session features exist); long enough for outcomes to resolve and weigh.
    private static final LocalDate FROM = LocalDate.of(2023, 11, 1);
    private static final LocalDate TO = LocalDate.of(2023, 12, 8);

    @Test
    void should_decide_identically_to_the_sequential_walk_with_anonymised_and_with_live_prompts(@TempDir Path tmp) throws IOException {
        Path data = SampleBacktests.copySample(tmp.resolve("data"));
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.model(MODEL).thenAlways(OllamaReply.content(PipelinedWalkTest::hashedReply));
            Path config = SampleBacktests.ollamaConfig(tmp.resolve("quorum.yaml"), List.of(ollama.baseUrl()), MODEL, 5);

            // Anonymised prompts leave recall out: the horizon's sessions are asked ahead. Live prompts carry it: only
            // the session about to be decided, once its outcomes are resolved.
            for (PromptMode mode : List.of(PromptMode.ANONYMISED, PromptMode.LIVE)) {
                Path sequential = tmp.resolve(mode + "-sequential.db");
                Path pipelined = tmp.resolve(mode + "-pipelined.db");
                Backtest.Outcome one = run(data, sequential, config, mode, false);
                Backtest.Outcome other = run(data, pipelined, config, mode, true);

                List<String> expected = WalkForwardTest.decisionRows(sequential);
                assertTrue(expected.size() >= TICKERS.size() * 25, mode + ": decisions made: " + expected.size());
                assertEquals(new PrefetchedAgents.Stats(0, 0), one.askedAhead(), mode + ": the sequential walk asks nothing ahead");
                assertEquals(new PrefetchedAgents.Stats(expected.size(), 0), other.askedAhead(),
                        mode + ": every decision took its agents' answers asked ahead, none was asked again");
                assertTrue(WalkForwardTest.weightRows(sequential).size() > 20, mode + ": trust weights learnt within the window");
                assertTrue(expected.stream().map(r -> r.split("\\|")[2]).distinct().count() > 1, mode + ": verdicts vary");
                assertEquals(expected, WalkForwardTest.decisionRows(pipelined), mode + ": verdicts, confidences, votes, weights, outcomes");
                assertEquals(WalkForwardTest.weightRows(sequential), WalkForwardTest.weightRows(pipelined), mode + ": trust weight events");
                assertEquals(WalkForwardTest.learnedRows(sequential), WalkForwardTest.learnedRows(pipelined), mode + ": calibration and meta-learner");
                assertEquals(WalkForwardTest.envelopes(sequential), WalkForwardTest.envelopes(pipelined), mode + ": envelopes minus ids and times");
                assertEquals(one.info().llmCache(), other.info().llmCache(), mode + ": the same calls made");
            }
            assertTrue(ollama.chats().stream().anyMatch(c -> c.content("user").contains("Similar past situations")
                            || c.content("user").contains("similar past situations")),
                    "live prompts carried recalled situations");
        }
    }

    /** A reply that is a function of the whole prompt: another input, another answer. */
    private static String hashedReply(RecordedChat chat) {
        int hash = (chat.content("system") + "\n" + chat.content("user")).hashCode();
        int pick = Math.floorMod(hash, 3);
        double confidence = 0.5 + Math.floorMod(hash >> 4, 45) / 100.0;
        if (chat.format().path("properties").has("verdict")) {
            return "{\"verdict\": \"" + List.of("BUY", "SELL", "HOLD").get(pick) + "\", \"confidence\": " + confidence
                    + ", \"reasoning\": \"hashed\"}";
        }
        return "{\"signal\": \"" + List.of("BULLISH", "BEARISH", "NEUTRAL").get(pick) + "\", \"confidence\": " + confidence
                + ", \"summary\": \"hashed\", \"key_factors\": [\"k\"]}";
    }

    private static Backtest.Outcome run(Path data, Path db, Path config, PromptMode mode, boolean pipelined) {
        BacktestSettings settings = new BacktestSettings(data, TICKERS, FROM, TO, db, OptionalInt.empty());
        var quorum = BacktestConfig.of(settings, Optional.of(config), BacktestConfig.Backend.OLLAMA, "outcome-ema", Map.of());
        // Each run its own reply cache: every call is made, none answered by the other run.
        return Backtest.run(quorum, settings, BacktestConfig.Backend.OLLAMA, 0.0, 0.0, Backtest.Publish.NONE,
                db.resolveSibling(db.getFileName() + "-llm-cache.db"), mode, pipelined, Progress.SILENT, () -> false);
    }
}
