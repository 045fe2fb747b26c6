package dev.quorum.orchestrator.cycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.agents.Agent;
import dev.quorum.agents.features.AgentInputs;
import dev.quorum.agents.llm.GenerationOptions;
import dev.quorum.agents.llm.LlmAgent;
import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.llm.ModelChainConfig;
import dev.quorum.agents.llm.OllamaEndpoint;
import dev.quorum.agents.llm.ResilienceSettings;
import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.prompts.DataBlockLimits;
import dev.quorum.agents.prompts.PromptRepository;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalBackend;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.publish.PublisherSettings;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.memory.metalearner.AgentRoster;
import dev.quorum.memory.metalearner.MetaLearner;
import dev.quorum.memory.metalearner.MetaLearnerConfig;
import dev.quorum.memory.recall.OutcomeLabel;
import dev.quorum.memory.recall.RecallConfig;
import dev.quorum.memory.recall.RecallScope;
import dev.quorum.memory.recall.ResilientSituationMemory;
import dev.quorum.memory.recall.ResolvedSituation;
import dev.quorum.memory.recall.SituationMemories;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.OutboxEntry;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.trust.TrustLedger;
import dev.quorum.memory.trust.TrustSettings;
import dev.quorum.memory.trust.WeightsMirror;
import dev.quorum.orchestrator.config.BudgetConfig;
import dev.quorum.orchestrator.consensus.WeightedConsensus;
import dev.quorum.orchestrator.publish.OutboxPublisher;
import dev.quorum.orchestrator.publish.RedisSink;
import dev.quorum.orchestrator.review.RiskReview;
import dev.quorum.orchestrator.synthesis.EnsembleGuard;
import dev.quorum.orchestrator.synthesis.LlmSynthesis;
import dev.quorum.orchestrator.synthesis.RuleSynthesis;
import dev.quorum.testkit.ChromaServer;
import dev.quorum.testkit.Closer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.ProjectPaths;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cycle end to end against real servers: the shipped market sample and prompt files, LLM agents on the Ollama
 * protocol test server, a real SQLite file, a real redis-server, and the outbox publisher.
 */
class DecisionCycleEndToEndTest {

    private static final String QWEN = "qwen2.5:7b";
    private static final String BULLISH = """
            {"signal": "BULLISH", "confidence": 0.8, "summary": "Trend and momentum agree.", "key_factors": ["above SMA50"]}""";
    private static final String WEAKLY_BULLISH = """
            {"signal": "BULLISH", "confidence": 0.2, "summary": "A faint uptrend.", "key_factors": ["above SMA50"]}""";
    private static final LocalDate DATE = LocalDate.parse("2024-06-03");
    private static final List<String> ROSTER = List.of("technical", "risk", "sentiment", "macro");

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final Closer closer = new Closer();
    private RedisServer redis;
    private UnifiedJedis client;
    private OllamaTestServer ollama;
    private QuorumDatabase database;
    private DecisionCycle cycle;
    private OutboxPublisher publisher;
    private Outbox outbox;
    private CycleParts parts;
    private ModelChainClient chain;
    private PromptRepository prompts;

    @BeforeEach
    void assemble() {
        redis = new RedisServer();
        redis.start();
        closer.add(redis);
        client = closer.add(RedisConnections.open(RedisUrl.parse(redis.url())));
        ollama = closer.add(OllamaTestServer.start());
        ollama.model(QWEN).thenAlways(OllamaReply.content(BULLISH));

        chain = closer.add(new ModelChainClient(new ModelChainConfig(
                ModelChainConfig.chainOf(List.of(new OllamaEndpoint(ollama.baseUrl(), 4)), List.of(QWEN)),
                ResilienceSettings.builder().callTimeout(Duration.ofSeconds(20)).maxAttempts(2)
                        .initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(40)).build(),
                GenerationOptions.DEFAULT)));
        prompts = new PromptRepository(ProjectPaths.root().resolve("prompts"));
        List<Agent> panel = ROSTER.stream().<Agent>map(name -> new LlmAgent(name, name + "-domain", name, prompts, chain,
                DataBlockLimits.DEFAULT, null)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        closer.add(pool::shutdownNow);

        // A long busy timeout: a test that holds the write lock from another connection decides when to let go.
        database = QuorumDatabase.open(dir.resolve("quorum.db"), Duration.ofSeconds(60));
        DecisionStore store = new DecisionStore(database, PublisherSettings.defaults().stream());
        outbox = new Outbox(database);
        TrustLedger trust = new TrustLedger(database, TrustSettings.defaults(), WeightsMirror.NONE, Clock.systemUTC());
        MetaLearner learner = MetaLearner.inMemory(new AgentRoster(ROSTER), MetaLearnerConfig.defaults());

        parts = new CycleParts(
                CycleParts.Inputs.current(new AgentInputs(CsvMarketData.open(ProjectPaths.root().resolve("samples/market")))),
                new PanelRunner(panel, pool), CycleParts.Recall.NONE,
                new CycleParts.Learnt(trust::currentWeights, () -> Optional.of(learner)),
                new CycleParts.Judgement(new WeightedConsensus(2), new RuleSynthesis(0.25), new RuleSynthesis(0.25),
                        new EnsembleGuard(0.6), new RiskReview("risk", 0.6)),
                store, new CycleParts.Limits(new BudgetConfig(60, 24), Clock.systemUTC(), 1, true));
        publisher = new OutboxPublisher(outbox, new RedisSink(client, redis.url(), PublisherSettings.defaults()), Duration.ofSeconds(1));
        cycle = new DecisionCycle(parts, () -> { });
    }

    @AfterEach
    void close() throws Exception {
        closer.close();
    }

    private List<StreamEntry> stream() {
        return client.xrange(PublisherSettings.defaults().stream(), "-", "+");
    }

    @Test
    void should_decide_store_and_publish_each_ticker_with_full_meta() throws Exception {
        CycleReport report = cycle.run(List.of("NVDA", "AAPL"), DATE, () -> false);

        assertTrue(report.complete(), report.failed().toString());
        assertEquals(2, report.decided().size());
        TickerDecision nvda = report.decided().get(0);
        assertEquals(4, nvda.voted());
        assertEquals(0.8, nvda.ensembleScore(), 1e-12, "four bullish votes at 0.8: as convinced as they are");
        assertEquals(8, ollama.chatCount(QWEN), "one chat per agent per ticker");
        assertEquals(2, outbox.pendingCount(), "committed before publishing");

        assertEquals(2, publisher.drain());
        List<StreamEntry> entries = stream();
        assertEquals(2, entries.size());
        for (int i = 0; i < 2; i++) {
            String correlationId = report.decided().get(i).correlationId();
            String published = entries.get(i).getFields().get("data");
            JsonNode envelope = json.readTree(published);
            assertEquals(correlationId, envelope.get("correlation_id").asText());
            assertEquals(new DecisionStore(database, "x").envelope(correlationId).orElseThrow(), published,
                    "the stream carries exactly the stored bytes");
        }
        JsonNode envelope = json.readTree(entries.get(0).getFields().get("data"));
        JsonNode meta = envelope.get("meta");
        assertEquals(4, meta.get("agents_count").asInt());
        assertEquals(QWEN, meta.get("model_used").asText());
        assertEquals(QWEN, meta.at("/models/risk").asText());
        assertEquals(4, meta.at("/llm/calls").asInt());
        assertTrue(meta.at("/llm/prompt_tokens").asLong() > 0);
        assertTrue(meta.at("/prompt_hashes/technical@2").asText().matches("[0-9a-f]{64}"), meta.toString());
        assertEquals(1.0, meta.at("/trust_weights/macro").asDouble());
        assertEquals(1.0, meta.get("agreement").asDouble());
        assertTrue(meta.get("meta_learner_prediction").isNumber());
        assertEquals(0, meta.get("abstentions").size());
        assertEquals("rules", meta.at("/synthesis/method").asText());
        assertEquals("APPROVED", meta.at("/review/status").asText());
        assertEquals("1 of 1 reviewers approve BUY (risk BULLISH 0.80 approves)", meta.at("/review/note").asText());
        assertEquals("{\"agent\":\"risk\",\"view\":\"BULLISH\",\"confidence\":0.8,\"approves\":true}",
                meta.at("/review/reviewers/0").toString());
        assertEquals(1.0, meta.at("/review/size_factor").asDouble());
        JsonNode decision = envelope.get("decision");
        assertEquals("NVDA", decision.at("/target/ticker").asText());
        assertEquals("BUY", decision.at("/synthesis/verdict").asText());
        assertEquals(4, decision.at("/source_metrics/by_source/ollama").asLong());
        assertTrue(decision.at("/source_metrics/total_bytes").asLong() > 100);
        List<String> phases = new ArrayList<>();
        decision.get("phase_timings").forEach(p -> phases.add(p.get("phase").asText()));
        assertEquals(List.of("features", "recall", "agents", "consensus", "synthesis", "review", "envelope"), phases);
        assertEquals("BUY", client.hget("maf:arena:trading_intelligence:decisions:NVDA:2024-06-03", "verdict"));
    }

    @Test
    void should_lose_nothing_when_redis_stops_mid_run_and_publish_in_order_when_it_returns() throws Exception {
        CycleReport first = cycle.run(List.of("NVDA"), DATE, () -> false);
        assertEquals(1, publisher.drain());

        redis.stop();
        CycleReport second = cycle.run(List.of("AAPL", "MSFT", "JPM"), DATE, () -> false);
        assertTrue(second.complete(), "deciding does not need Redis: " + second.failed());
        assertEquals(0, publisher.drain());
        assertTrue(publisher.sinkDown());
        assertEquals(3, outbox.pendingCount());
        assertTrue(outbox.pending(10).get(0).attempts() >= 1, "the failed attempt is counted");

        redis.restart();
        assertEquals(3, publisher.drain());
        assertFalse(publisher.sinkDown());
        assertEquals(0, outbox.pendingCount());
        List<String> published = stream().stream()
                .map(e -> e.getFields().get("data"))
                .map(data -> {
                    try {
                        return json.readTree(data).get("correlation_id").asText();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList();
        List<String> decided = new ArrayList<>();
        decided.add(first.decided().get(0).correlationId());
        second.decided().forEach(d -> decided.add(d.correlationId()));
        // The restarted redis-server has no persistence: only the entries published after it came back remain.
        assertEquals(decided.subList(1, 4), published, "published in decision order after Redis returned");
    }

    @Test
    void should_ask_the_next_tickers_agents_while_the_decision_before_waits_to_be_stored_and_store_in_watchlist_order()
            throws Exception {
        CountDownLatch aaplAsked = new CountDownLatch(ROSTER.size());
        ollama.model(QWEN).thenAlways(OllamaReply.content(chat -> {
            if (chat.content("user").contains("AAPL")) {
                aaplAsked.countDown();
            }
            return BULLISH;
        }));
        CycleReport report;
        // Another writer holds SQLite's write lock: NVDA's decision waits for it on the store thread.
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("quorum.db"));
             Statement lock = writer.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            CompletableFuture<CycleReport> running = CompletableFuture.supplyAsync(() -> cycle.run(List.of("NVDA", "AAPL"), DATE, () -> false));

            assertTrue(aaplAsked.await(30, TimeUnit.SECONDS), "AAPL's agents are asked while NVDA's decision waits for the database");
            assertEquals(0, outbox.pendingCount(), "NVDA is not stored yet");
            lock.execute("ROLLBACK");
            report = running.get(60, TimeUnit.SECONDS);
        }

        assertTrue(report.complete(), report.failed().toString());
        assertEquals(List.of("NVDA", "AAPL"), report.decided().stream().map(TickerDecision::ticker).toList());
        assertEquals(report.decided().stream().map(TickerDecision::correlationId).toList(),
                outbox.pending(10).stream().map(OutboxEntry::correlationId).toList(), "stored in the watchlist's order");
    }

    @Test
    void should_store_the_decision_before_once_the_next_tickers_agents_have_asked_their_models_not_when_they_answer()
            throws Exception {
        CountDownLatch aaplAnswerMayGo = new CountDownLatch(1);
        ollama.model(QWEN).thenAlways(OllamaReply.content(chat -> {
            if (chat.content("user").contains("AAPL")) {
                awaitQuietly(aaplAnswerMayGo);
            }
            return BULLISH;
        }));
        CountDownLatch stored = new CountDownLatch(1);
        AtomicBoolean storedWhileAsking = new AtomicBoolean();
        // Beside the technical agent, one that asks no model: for AAPL, it gives NVDA's store time to happen first.
        // NVDA stored in that time would have been stored while an agent of AAPL had neither asked nor ended (the
        // store took milliseconds, when it started as NVDA's decision ended).
        Agent gate = new ScriptedAgent("gate", input -> {
            if (input.ticker().equals("AAPL")) {
                try {
                    storedWhileAsking.set(stored.await(300, TimeUnit.MILLISECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new AgentSignal("gate", "gate-domain", Direction.BULLISH, 0.7, "Open.", List.of("gate"),
                    new SignalTelemetry(SignalBackend.RULES, "", "", 0, List.of(), Duration.ZERO, 0, 0, "", ""));
        });
        ExecutorService agents = Executors.newFixedThreadPool(2);
        closer.add(agents::shutdownNow);
        CycleParts gated = new CycleParts(parts.inputs(), new PanelRunner(List.of(gate, new LlmAgent("technical",
                "technical-domain", "technical", prompts, chain, DataBlockLimits.DEFAULT, null)), agents),
                parts.recall(), parts.learnt(), parts.judgement(), parts.store(), parts.limits());
        DecisionCycle gatedCycle = new DecisionCycle(gated, stored::countDown);

        CompletableFuture<CycleReport> running = CompletableFuture.supplyAsync(() -> gatedCycle.run(List.of("NVDA", "AAPL"), DATE, () -> false));
        try {
            assertTrue(stored.await(30, TimeUnit.SECONDS), "NVDA is stored once AAPL's agents have asked, before their answers");
            assertEquals(1, outbox.pendingCount());
        } finally {
            aaplAnswerMayGo.countDown();
        }
        assertFalse(storedWhileAsking.get(), "NVDA was stored while one of AAPL's agents had neither asked nor ended");
        CycleReport report = running.get(60, TimeUnit.SECONDS);

        assertTrue(report.complete(), report.failed().toString());
        assertEquals(report.decided().stream().map(TickerDecision::correlationId).toList(),
                outbox.pending(10).stream().map(OutboxEntry::correlationId).toList(), "stored in the watchlist's order");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let this go");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void should_abandon_cleanly_between_tickers_when_asked_to_stop() throws Exception {
        int[] tried = {0};
        CycleReport report = cycle.run(List.of("NVDA", "AAPL", "MSFT"), DATE, () -> tried[0]++ >= 1);
        assertTrue(report.abandoned());
        assertEquals(1, report.decided().size());
        assertEquals(1, outbox.pendingCount(), "the decided ticker is stored whole, nothing half-written");
    }

    @Test
    void should_keep_an_existing_decision_and_publish_nothing_new_when_redeciding_is_off() throws Exception {
        CycleParts p = parts;
        CycleParts.Limits limits = p.limits();
        DecisionCycle once = new DecisionCycle(new CycleParts(p.inputs(), p.panel(), p.recall(), p.learnt(), p.judgement(),
                p.store(), new CycleParts.Limits(limits.budget(), limits.clock(), limits.parallelTickers(), false)), () -> { });
        CycleReport first = once.run(List.of("NVDA", "AAPL"), DATE, () -> false);
        int callsAfterFirst = ollama.chatCount(QWEN);

        CycleReport again = once.run(List.of("NVDA", "AAPL", "MSFT"), DATE, () -> false);

        assertEquals(List.of("MSFT"), again.decided().stream().map(TickerDecision::ticker).toList());
        assertEquals(Map.of("NVDA", first.decided().get(0).correlationId(), "AAPL", first.decided().get(1).correlationId()),
                again.alreadyDecided());
        assertTrue(again.complete(), "kept decisions count as decided");
        assertEquals(callsAfterFirst + 4, ollama.chatCount(QWEN), "only MSFT's four agents asked the model");
        assertEquals(3, publisher.drain(), "one envelope per ticker and date");
    }

    @Test
    void should_supersede_the_existing_decision_when_redeciding_is_on() throws Exception {
        CycleReport first = cycle.run(List.of("NVDA"), DATE, () -> false);
        CycleReport again = cycle.run(List.of("NVDA"), DATE, () -> false);

        assertEquals(Map.of(), again.alreadyDecided());
        String newId = again.decided().get(0).correlationId();
        assertEquals(Optional.of(newId), parts.store().find(first.decided().get(0).correlationId()).orElseThrow().supersededBy());
        assertEquals(2, publisher.drain(), "both verdicts are published: consumers see the correction");
    }

    @Test
    void should_record_abstentions_and_hold_when_the_quorum_is_not_met() throws Exception {
        ollama.remove(QWEN);
        CycleReport report = cycle.run(List.of("NVDA"), DATE, () -> false);
        TickerDecision decision = report.decided().get(0);
        assertEquals(0, decision.voted());
        assertEquals(dev.quorum.envelope.Verdict.HOLD, decision.verdict());
        assertEquals(0.0, decision.confidence());
        assertTrue(decision.degraded().get(0).startsWith("quorum not met"), decision.degraded().toString());
        publisher.drain();
        JsonNode meta = json.readTree(stream().get(0).getFields().get("data")).get("meta");
        assertEquals(4, meta.get("abstentions").size());
        assertEquals("model", meta.at("/abstentions/0/category").asText());
        // Insertion order, the same in every process (Map.of's order changed from JVM to JVM, and the bytes with it).
        assertEquals(List.of("agent", "category", "reason"), fieldNames(meta.at("/abstentions/0")));
        assertEquals(List.of("agents", "strength_share"), fieldNames(meta.at("/vote_distribution/BULLISH")));
        assertEquals("none", meta.get("model_used").asText());
        assertTrue(meta.get("degraded").toString().contains("quorum not met"), meta.toString());
    }

    /** The same cycle with the LLM synthesis agent on the test server. */
    private DecisionCycle withLlmSynthesis() {
        CycleParts p = parts;
        CycleParts.Judgement j = p.judgement();
        return new DecisionCycle(new CycleParts(p.inputs(), p.panel(), p.recall(), p.learnt(),
                new CycleParts.Judgement(j.consensus(), new LlmSynthesis(prompts, chain, new RuleSynthesis(0.25)), j.rules(),
                        j.guard(), j.review()), p.store(), p.limits()), () -> { });
    }

    /** Specialists get a bullish signal; the synthesis prompt (recognised by its system text) gets {@code synthesis}. */
    private void answer(String synthesis) {
        answer(BULLISH, synthesis);
    }

    private void answer(String specialists, String synthesis) {
        ollama.model(QWEN).thenAlways(OllamaReply.content(chat ->
                chat.content("system").contains("portfolio manager") ? synthesis : specialists));
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private JsonNode publishedMeta() throws Exception {
        publisher.drain();
        List<StreamEntry> entries = stream();
        return json.readTree(entries.get(entries.size() - 1).getFields().get("data"));
    }

    @Test
    void should_let_the_llm_synthesis_decide_and_record_its_model_prompt_and_tokens() throws Exception {
        answer("{\"verdict\": \"BUY\", \"confidence\": 0.66, \"reasoning\": \"All four specialists are bullish.\"}");
        TickerDecision d = withLlmSynthesis().run(List.of("NVDA"), DATE, () -> false).decided().get(0);
        assertEquals(dev.quorum.envelope.Verdict.BUY, d.verdict());
        assertEquals(0.66, d.confidence());
        JsonNode envelope = publishedMeta();
        JsonNode meta = envelope.get("meta");
        assertEquals("llm", meta.at("/synthesis/method").asText());
        assertTrue(meta.at("/synthesis/bound").isNull(), "0.66 is within what +0.8 supports: " + meta);
        assertEquals(QWEN, meta.at("/models/synthesis").asText());
        assertEquals(5, meta.at("/llm/calls").asInt(), "four agents and the synthesis share the budget");
        assertTrue(meta.at("/prompt_hashes/synthesis@2").asText().matches("[0-9a-f]{64}"), meta.toString());
        assertEquals("All four specialists are bullish.", envelope.at("/decision/synthesis/reasoning").asText());
        assertEquals(5, envelope.at("/decision/source_metrics/by_source/ollama").asInt());
        String user = ollama.chats(QWEN).stream().filter(c -> c.content("system").contains("portfolio manager"))
                .findFirst().orElseThrow().content("user");
        assertTrue(user.contains("- technical BULLISH") && user.contains("trust 1.00") && user.contains("ensemble score +0.800"), user);
        // The voters' own words are fenced data, with their key factors; what the specialists lacked is named.
        assertTrue(user.contains("<<<SUMMARIES\n- technical: ") && user.contains("SUMMARIES>>>"), user);
        assertTrue(user.contains("Missing: "), user);
    }

    @Test
    void should_guard_against_a_synthesis_that_contradicts_a_strong_panel() throws Exception {
        answer("{\"verdict\": \"SELL\", \"confidence\": 0.9, \"reasoning\": \"Contrarian call.\"}");
        TickerDecision d = withLlmSynthesis().run(List.of("NVDA"), DATE, () -> false).decided().get(0);
        assertEquals(dev.quorum.envelope.Verdict.HOLD, d.verdict());
        assertEquals(0.0, d.confidence());
        JsonNode meta = publishedMeta().get("meta");
        assertTrue(meta.get("guard").asText().startsWith("guard refused SELL"), meta.toString());
        assertEquals("SELL", meta.at("/synthesis/proposed_verdict").asText());
    }

    @Test
    void should_cap_an_llm_synthesis_more_confident_than_the_ensemble_score_supports() throws Exception {
        // Four specialists BULLISH at 0.2 (weights 1): ensemble +0.2, which supports a BUY at 0.2 at most.
        answer(WEAKLY_BULLISH, "{\"verdict\": \"BUY\", \"confidence\": 0.95, \"reasoning\": \"Everyone is bullish.\"}");
        TickerDecision d = withLlmSynthesis().run(List.of("NVDA"), DATE, () -> false).decided().get(0);
        assertEquals(dev.quorum.envelope.Verdict.BUY, d.verdict());
        assertEquals(0.2, d.confidence(), 1e-12);
        JsonNode envelope = publishedMeta();
        assertEquals(0.2, envelope.at("/decision/synthesis/confidence").asDouble(), 1e-9);
        JsonNode meta = envelope.get("meta");
        assertEquals("llm", meta.at("/synthesis/method").asText());
        assertEquals(0.95, meta.at("/synthesis/proposed_confidence").asDouble(), 1e-12, "what the model said is kept");
        assertEquals("llm synthesis said BUY 0.95; confidence capped at 0.200, what the ensemble score +0.200 supports",
                meta.at("/synthesis/bound").asText());
    }

    @Test
    void should_hold_an_llm_action_against_the_sign_of_a_weak_ensemble_score() throws Exception {
        // Ensemble +0.2: too weak for the guard (0.6), but nothing in it supports a SELL.
        answer(WEAKLY_BULLISH, "{\"verdict\": \"SELL\", \"confidence\": 0.7, \"reasoning\": \"Contrarian call.\"}");
        TickerDecision d = withLlmSynthesis().run(List.of("NVDA"), DATE, () -> false).decided().get(0);
        assertEquals(dev.quorum.envelope.Verdict.HOLD, d.verdict());
        assertEquals(0.0, d.confidence());
        JsonNode meta = publishedMeta().get("meta");
        assertTrue(meta.get("guard").isNull(), meta.toString());
        assertEquals("SELL", meta.at("/synthesis/proposed_verdict").asText());
        assertEquals("llm synthesis said SELL 0.70 against the ensemble score +0.200: held at confidence 0",
                meta.at("/synthesis/bound").asText());
    }

    @Test
    void should_fall_back_to_the_rule_synthesis_when_the_model_output_is_invalid() throws Exception {
        answer("{\"verdict\": \"STRONG BUY\", \"confidence\": 2, \"reasoning\": \"\"}");
        TickerDecision d = withLlmSynthesis().run(List.of("NVDA"), DATE, () -> false).decided().get(0);
        assertEquals(dev.quorum.envelope.Verdict.BUY, d.verdict(), "the rules on an ensemble of +1.0");
        assertTrue(d.degraded().stream().anyMatch(r -> r.startsWith("synthesis rules-fallback")), d.degraded().toString());
        JsonNode meta = publishedMeta().get("meta");
        assertTrue(meta.at("/synthesis/method").asText().startsWith("rules-fallback"), meta.toString());
        assertEquals("rules", meta.at("/models/synthesis").asText());
    }

    @Test
    void should_give_agents_the_similar_situations_recalled_from_a_real_chroma() throws Exception {
        try (ChromaServer chroma = new ChromaServer()) {
            chroma.start();
            RecallConfig config = RecallConfig.builder().store(RecallConfig.StoreKind.CHROMA).chromaUrl(chroma.baseUrl())
                    .collection("cycle_recall_test").deadline(Duration.ofSeconds(10)).retryEvery(Duration.ZERO)
                    .pendingFile(dir.resolve("pending.jsonl")).topK(3).scope(RecallScope.ANY_TICKER).build();
            try (ResilientSituationMemory memory = SituationMemories.open(config)) {
                LocalDate past = LocalDate.parse("2024-05-01");
                var situation = new dev.quorum.memory.recall.Situation("NVDA", past,
                        parts.inputs().features().forDecision("NVDA", past).features(), List.of());
                memory.index(new ResolvedSituation("past-nvda", situation, dev.quorum.envelope.Verdict.BUY,
                        LocalDate.parse("2024-05-08"), 0.04, OutcomeLabel.of(dev.quorum.envelope.Verdict.BUY, 0.04, 0.005)));

                CycleParts p = parts;
                DecisionCycle recalling = new DecisionCycle(new CycleParts(p.inputs(), p.panel(),
                        new CycleParts.Recall(Optional.of(memory), 3, RecallScope.ANY_TICKER), p.learnt(), p.judgement(),
                        p.store(), p.limits()), () -> { });
                recalling.run(List.of("NVDA"), DATE, () -> false);
                assertTrue(publishedMeta().get("meta").get("recall_found").asBoolean());
                String user = ollama.chats(QWEN).get(0).content("user");
                assertTrue(user.contains("<<<MEMORY") && user.contains("2024-05-01"), user);

                chroma.stop();
                CycleReport withoutChroma = recalling.run(List.of("AAPL"), DATE, () -> false);
                assertTrue(withoutChroma.complete(), "a recall outage never blocks a decision: " + withoutChroma.failed());
                JsonNode meta = publishedMeta().get("meta");
                assertFalse(meta.get("recall_found").asBoolean());
                assertTrue(meta.get("degraded").toString().contains("recall unavailable"), meta.toString());
            }
        }
    }

    @Test
    void should_decide_tickers_in_parallel_keeping_watchlist_order_within_the_endpoint_bulkhead() throws Exception {
        ollama.model(QWEN).thenAlways(OllamaReply.content(BULLISH).after(Duration.ofMillis(200)));
        List<String> tickers = List.of("NVDA", "AAPL", "MSFT", "JPM");
        CycleReport report = inParallel(2).run(tickers, DATE, () -> false);
        assertTrue(report.complete(), report.failed().toString());
        assertEquals(tickers, report.decided().stream().map(TickerDecision::ticker).toList());
        assertEquals(16, ollama.chatCount(QWEN));
        assertTrue(ollama.maxInFlight() <= 4, "the endpoint's bulkhead (parallel 4) holds across tickers: " + ollama.maxInFlight());
        assertEquals(4, publisher.drain());
    }

    @Test
    void should_report_a_ticker_it_cannot_decide_alike_whether_tickers_run_one_at_a_time_or_in_parallel() throws Exception {
        List<String> tickers = List.of("NVDA", "ACME", "AAPL");
        CycleReport alone = cycle.run(tickers, DATE, () -> false);
        CycleReport pooled = inParallel(2).run(tickers, DATE, () -> false);

        assertEquals(List.of("ACME"), List.copyOf(alone.failed().keySet()));
        assertTrue(alone.failed().get("ACME").startsWith("MarketDataException: unknown ticker 'ACME'"), alone.failed().toString());
        assertEquals(alone.failed(), pooled.failed(), "one mapping from the exception to the report");
        for (CycleReport report : List.of(alone, pooled)) {
            assertEquals(List.of("NVDA", "AAPL"), report.decided().stream().map(TickerDecision::ticker).toList());
            assertFalse(report.complete());
            assertFalse(report.abandoned());
        }
    }

    /** The same cycle deciding {@code tickers} tickers at once, its agents on a pool of their own. */
    private DecisionCycle inParallel(int tickers) {
        ExecutorService agents = Executors.newFixedThreadPool(8);
        closer.add(agents::shutdownNow);
        CycleParts.Limits limits = parts.limits();
        return new DecisionCycle(new CycleParts(parts.inputs(), new PanelRunner(parts.panel().panel(), agents), parts.recall(),
                parts.learnt(), parts.judgement(), parts.store(),
                new CycleParts.Limits(limits.budget(), limits.clock(), tickers, limits.redecide())), () -> { });
    }
}
