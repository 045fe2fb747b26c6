package dev.quorum.orchestrator.promptlab;

import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The prompts stay short: every call of every role (system and user message together) is at most 600 tokens as
 * the Ollama test server counts them (characters / 4, its {@code prompt_eval_count}), over the sample watchlist on
 * its last sessions, with the LLM synthesis. The README quotes the figures this prints.
 */
class PromptSizeTest {

    static final int MAX_TOKENS_PER_CALL = 600;

    @TempDir
    Path dir;

    @Test
    void should_keep_every_agent_and_synthesis_call_within_600_tokens() throws Exception {
        try (RedisServer redis = new RedisServer(); OllamaTestServer ollama = OllamaTestServer.start()) {
            redis.start();
            OllamaReply reply = OllamaReply.content(chat -> chat.format().path("properties").has("verdict")
                    ? "{\"verdict\": \"HOLD\", \"confidence\": 0.5, \"reasoning\": \"mixed\"}"
                    // The longest answer the schema allows: the synthesis must stay short whatever the agents said.
                    : "{\"signal\": \"NEUTRAL\", \"confidence\": 0.5, \"summary\": \"" + "s".repeat(300)
                    + "\", \"key_factors\": [" + String.join(", ", java.util.Collections.nCopies(10, "\"" + "f".repeat(200) + "\"")) + "]}");
            ollama.model(QuorumRig.FIRST_MODEL).thenAlways(reply);
            try (QuorumRuntime runtime = QuorumRuntime.open(QuorumRig.config(dir.resolve("state"), QuorumRig.sampleMarket(),
                    redis.url(), QuorumRig.llmPanel(ollama.baseUrl()) + "synthesis: {backend: ollama}\nmemory: {recall_k: 0}\n"),
                    PublishTarget.REDIS)) {
                for (LocalDate date : QuorumRig.lastSessions(QuorumRig.sampleMarket(), 3)) {
                    QuorumRig.decideAll(runtime, QuorumRig.TICKERS, date);
                }
            }
            // The inputs the prompts ask about are there: the volatility rank, the slopes of the averages.
            for (OllamaTestServer.RecordedChat chat : ollama.chats()) {
                String user = chat.content("user");
                if (chat.content("system").contains("risk analyst")) {
                    assertTrue(user.matches("(?s).*rank \\d+(\\.\\d+)? of 100 over the last year.*"), user);
                }
                if (chat.content("system").contains("macro strategist")) {
                    assertTrue(user.matches("(?s).*US 10y yield \\d+(\\.\\d+)?% as of \\d{4}-\\d{2},.*"), user);
                }
                if (chat.content("system").contains("technical analyst")) {
                    assertTrue(user.matches("(?s).*slope over 20 sessions: SMA50 -?\\d+\\.\\d%, SMA200 -?\\d+\\.\\d%.*"), user);
                }
            }
            Map<String, IntSummaryStatistics> byRole = new TreeMap<>();
            for (OllamaTestServer.RecordedChat chat : ollama.chats()) {
                int tokens = chat.messages().stream().mapToInt(m -> m.content().length()).sum() / 4;
                String system = chat.content("system");
                String role = system.substring(0, Math.min(40, system.length()));
                byRole.computeIfAbsent(role, r -> new IntSummaryStatistics()).accept(tokens);
            }
            System.out.println("prompt tokens per call (chars / 4) by role: " + byRole);
            // technical, risk, macro and the synthesis: on the sample's last sessions (2024) there is no news, so the
            // sentiment agent abstains without a model call (issue 12) and has no prompt to measure here.
            assertEquals(4, byRole.size(), byRole::toString);
            for (Map.Entry<String, IntSummaryStatistics> role : byRole.entrySet()) {
                assertTrue(role.getValue().getMax() <= MAX_TOKENS_PER_CALL, role.getKey() + " " + role.getValue());
            }
            assertEquals(3 * QuorumRig.TICKERS.size() * 4, ollama.chats().size());
        }
    }
}
