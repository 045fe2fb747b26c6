package dev.quorum.orchestrator.backtest;

import dev.quorum.agents.prompts.Anonymiser;
import dev.quorum.agents.prompts.PromptMode;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An LLM backtest in anonymised mode: no prompt of any role, the synthesis included, names the ticker, the company
 * or a calendar date; and its cached replies never answer a live run.
 */
class AnonymisedBacktestTest {

    private static final String MODEL = "qwen2.5:7b";
    private static final Pattern REVEALING = Pattern.compile("(?i)\\b(AAPL|Apple)\\b|\\d{4}-\\d{2}");

    @Test
    void should_send_prompts_without_ticker_company_or_date_and_key_the_cache_apart_from_live(@TempDir Path tmp) throws Exception {
        Path data = SampleBacktests.copySample(tmp.resolve("data"));
        Path cache = tmp.resolve("llm-cache.db");
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.model(MODEL).thenAlways(OllamaReply.content(chat -> chat.format().path("properties").has("verdict")
                    ? "{\"verdict\": \"BUY\", \"confidence\": 0.6, \"reasoning\": \"votes agree\"}"
                    : "{\"signal\": \"BULLISH\", \"confidence\": 0.6, \"summary\": \"trend up\", \"key_factors\": [\"k\"]}"));
            Path config = SampleBacktests.ollamaConfig(tmp.resolve("quorum.yaml"), List.of(ollama.baseUrl()), MODEL, 4);

            Backtest.Outcome anonymised = run(data, tmp.resolve("anonymised.db"), config, cache, PromptMode.ANONYMISED);

            assertTrue(ollama.chats().size() >= 5 * 4, "agents and synthesis asked: " + ollama.chats().size());
            assertTrue(ollama.chats().stream().anyMatch(c -> c.content("system").contains("portfolio manager")));
            for (OllamaTestServer.RecordedChat chat : ollama.chats()) {
                String text = String.join("\n", chat.messages().stream().map(OllamaTestServer.RecordedChat.Message::content).toList());
                assertFalse(REVEALING.matcher(text).find(), "revealing prompt:\n" + text);
                assertTrue(text.contains(Anonymiser.alias("AAPL")) && text.contains("session t"), text);
            }

            ollama.clearRecords();
            Backtest.Outcome live = run(data, tmp.resolve("live.db"), config, cache, PromptMode.LIVE);
            assertEquals(0, live.info().llmCache().hits(), "an anonymised reply never answers a live prompt");
            assertEquals(anonymised.info().llmCache().misses(), live.info().llmCache().misses());
            assertTrue(ollama.chats().stream().allMatch(c -> c.content("user").contains("AAPL")));
        }
    }

    private static Backtest.Outcome run(Path data, Path db, Path config, Path cache, PromptMode mode) {
        BacktestSettings settings = new BacktestSettings(data, List.of("AAPL"), LocalDate.of(2023, 11, 1),
                LocalDate.of(2023, 11, 7), db, OptionalInt.empty());
        var quorum = BacktestConfig.of(settings, Optional.of(config), BacktestConfig.Backend.OLLAMA, "outcome-ema", Map.of());
        return Backtest.run(quorum, settings, BacktestConfig.Backend.OLLAMA, 0.0, 0.0, Backtest.Publish.NONE, cache, mode,
                Progress.SILENT, () -> false);
    }
}
