package dev.quorum.agents.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.envelope.Direction;
import dev.quorum.testkit.ManualClock;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every fallback path of the chain against the Ollama protocol test server: the production client, no mocks. */
class ModelChainClientTest {

    static final String QWEN = "qwen2.5:7b";
    static final String LLAMA = "llama3.1:8b";
    static final String VALID = """
            {"signal": "BULLISH", "confidence": 0.72, "summary": "Uptrend intact above all moving averages.",
             "key_factors": ["price 8% above SMA50", "RSI 61, not overbought"]}""";
    static final List<ChatMessage> MESSAGES = List.of(SystemMessage.from("You are a technical analyst."),
            UserMessage.from("NVDA 2024-06-03: rsi_14 61.2"));

    /**
     * Short backoffs so the tests are quick; the bounds asserted below are derived from these. The call timeout
     * is generous because the build machine is shared: only the timeout test waits for it.
     */
    static final ResilienceSettings FAST = ResilienceSettings.builder()
            .callTimeout(Duration.ofSeconds(10))
            .maxAttempts(3)
            .initialBackoff(Duration.ofMillis(10))
            .maxBackoff(Duration.ofMillis(40))
            .backoffJitter(0.5)
            .bulkheadMaxWait(Duration.ofSeconds(10))
            .slidingWindowSize(4)
            .minimumCalls(4)
            .openDuration(Duration.ofSeconds(30))
            .halfOpenCalls(1)
            .modelUnavailableFor(Duration.ofMinutes(10))
            .build();

    /** For the tests asserting the elapsed-time bound: tighter timeouts make the bound meaningful. */
    static final ResilienceSettings BOUNDED = FAST.toBuilder()
            .callTimeout(Duration.ofMillis(1500))
            .bulkheadMaxWait(Duration.ofMillis(500))
            .build();

    OllamaTestServer ollama;
    ManualClock clock;
    List<ModelChainClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        ollama = OllamaTestServer.start();
        clock = new ManualClock();
    }

    @AfterEach
    void stop() {
        clients.forEach(ModelChainClient::close);
        ollama.close();
    }

    ModelChainClient client(ResilienceSettings settings, List<ModelTier> chain) {
        ModelChainClient client = new ModelChainClient(
                new ModelChainConfig(chain, settings, new GenerationOptions(0.1, 7, 4096)), clock);
        clients.add(client);
        return client;
    }

    ModelChainClient client(ResilienceSettings settings, String... models) {
        return client(settings, ModelChainConfig.chainOf(List.of(endpoint()), List.of(models)));
    }

    OllamaEndpoint endpoint() {
        return new OllamaEndpoint(ollama.baseUrl(), 4);
    }

    static ChainResult<SignalAssessment> call(ModelChainClient client) {
        return client.call(MESSAGES, SignalAssessmentOutput.INSTANCE, DecisionBudget.unlimited());
    }

    static CallTelemetry answered(ChainResult<SignalAssessment> result, String model) {
        ChainResult.Answered<SignalAssessment> answered = assertInstanceOf(ChainResult.Answered.class, result,
                () -> "expected an answer, got " + result);
        assertEquals(model, answered.telemetry().model(), () -> String.join("\n", answered.telemetry().fallbackPath()));
        return answered.telemetry();
    }

    @Test
    void should_send_the_schema_as_format_with_options_and_no_streaming() throws Exception {
        ollama.model(QWEN).thenAlways(OllamaReply.content(VALID));

        ChainResult<SignalAssessment> result = call(client(FAST, QWEN, LLAMA));

        CallTelemetry telemetry = answered(result, QWEN);
        SignalAssessment value = ((ChainResult.Answered<SignalAssessment>) result).value();
        assertEquals(Direction.BULLISH, value.signal());
        assertEquals(0.72, value.confidence());
        assertEquals(1, telemetry.attempts());
        assertEquals(ollama.baseUrl(), telemetry.endpoint());
        OllamaTestServer.RecordedChat chat = ollama.chats(QWEN).get(0);
        assertEquals(new ObjectMapper().readTree(SignalAssessmentOutput.INSTANCE.jsonSchema()), chat.format());
        assertEquals(false, chat.stream());
        assertEquals(0.1, chat.options().get("temperature").asDouble());
        assertEquals(7, chat.options().get("seed").asInt());
        assertEquals("You are a technical analyst.", chat.content("system"));
        assertTrue(telemetry.promptTokens() > 0 && telemetry.completionTokens() > 0, telemetry::toString);
        assertEquals(List.of(ollama.baseUrl() + "|" + QWEN + " -> ok (1 attempt)"), telemetry.fallbackPath());
    }

    @Test
    void should_record_the_503_that_opened_the_circuit_not_only_the_refusal_that_followed() {
        ollama.model(QWEN).thenAlways(OllamaReply.busy());
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID));
        ResilienceSettings tripsAtOnce = FAST.toBuilder().maxAttempts(2).slidingWindowSize(1).minimumCalls(1).build();

        CallTelemetry telemetry = answered(call(client(tripsAtOnce, QWEN, LLAMA)), LLAMA);

        ChainStep first = telemetry.steps().get(0);
        assertEquals(1, ollama.chatCount(QWEN), "the retry was refused by the open circuit");
        assertEquals(FailureKind.SERVER_BUSY, first.failure(), first::toString);
        assertEquals(1, first.attempts());
        assertTrue(first.toString().contains("503 server busy: ") && first.toString().endsWith("; then circuit open, not called (1 attempt)"),
                first::toString);
    }

    @Test
    void should_list_every_violation_with_the_allowed_values_in_the_re_ask() {
        ollama.model(QWEN).then(OllamaReply.content("""
                {"signal": "VERY_BULLISH", "confidence": 1.7, "summary": "s", "key_factors": ["%s"], "mood": "great"}"""
                .formatted("x".repeat(201)))).thenAlways(OllamaReply.content(VALID));

        answered(call(client(FAST, QWEN)), QWEN);

        List<OllamaTestServer.RecordedChat.Message> reAsk = ollama.chats(QWEN).get(1).messages();
        String text = reAsk.get(reAsk.size() - 1).content();
        assertTrue(text.startsWith("Your previous reply was rejected: 4 problems: "), text);
        assertTrue(text.contains("unexpected field(s) [mood] (only [confidence, key_factors, signal, summary] are allowed)"), text);
        assertTrue(text.contains("signal: 'VERY_BULLISH' is not one of [BULLISH, BEARISH, NEUTRAL]"), text);
        assertTrue(text.contains("confidence: 1.7 is outside [0.0, 1.0]"), text);
        assertTrue(text.contains("key_factors[0]: 201 characters, at most 200 allowed"), text);
    }

    @Test
    void should_name_missing_fields_with_the_broken_ones() {
        ollama.model(QWEN).then(OllamaReply.content("{\"signal\": \"UP\", \"confidence\": \"0.5\"}"))
                .thenAlways(OllamaReply.content(VALID));

        answered(call(client(FAST, QWEN)), QWEN);

        List<OllamaTestServer.RecordedChat.Message> reAsk = ollama.chats(QWEN).get(1).messages();
        String text = reAsk.get(reAsk.size() - 1).content();
        assertTrue(text.contains("3 problems: missing field(s) [key_factors, summary]; signal: 'UP' is not one of"
                + " [BULLISH, BEARISH, NEUTRAL]; confidence: expected a number in [0.0, 1.0], got STRING"), text);
    }

    @Test
    void should_skip_a_model_for_a_cool_down_after_n_invalid_replies_in_a_row_then_try_it_again() {
        ollama.model(QWEN).thenAlways(OllamaReply.content("{\"signal\": \"VERY_BULLISH\", \"confidence\": 1.7}"));
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID));
        ResilienceSettings settings = FAST.toBuilder().invalidRepliesToSkip(3).invalidOutputSkipFor(Duration.ofMinutes(5)).build();
        ModelChainClient client = client(settings, QWEN, LLAMA);
        ModelTarget qwen = new ModelTarget(endpoint(), QWEN);

        answered(call(client), LLAMA);   // 2 invalid replies (ask and re-ask)
        assertEquals(2, client.consecutiveInvalidReplies(qwen));
        answered(call(client), LLAMA);   // the 3rd opens the skip: no re-ask wasted on it
        assertEquals(3, ollama.chatCount(QWEN));
        assertTrue(client.skippedForInvalidOutput(qwen));

        CallTelemetry skipped = answered(call(client), LLAMA);

        assertEquals(3, ollama.chatCount(QWEN), "skipped without a call");
        assertEquals(FailureKind.INVALID_OUTPUT_SKIPPED, skipped.steps().get(0).failure());
        assertEquals(0, skipped.steps().get(0).attempts());
        assertTrue(skipped.fallbackPath().get(0).contains("skipped, invalid replies in a row"), skipped.fallbackPath()::toString);
        assertEquals(CircuitBreaker.State.CLOSED, client.guards().circuitState(qwen), "the server is healthy");

        clock.advance(Duration.ofMinutes(5));
        ollama.model(QWEN).thenAlways(OllamaReply.content(VALID));
        answered(call(client), QWEN);
        assertEquals(0, client.consecutiveInvalidReplies(qwen), "a valid reply resets the count");
        assertTrue(!client.skippedForInvalidOutput(qwen));
    }

    @Test
    void should_move_to_the_next_model_after_one_404_and_skip_the_unpulled_model_afterwards() {
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID));
        ModelChainClient client = client(FAST, QWEN, LLAMA);

        CallTelemetry first = answered(call(client), LLAMA);
        CallTelemetry second = answered(call(client), LLAMA);

        assertEquals(1, ollama.chatCount(QWEN), "the unpulled model is asked once, then skipped");
        assertEquals(2, ollama.chatCount(LLAMA));
        assertEquals(FailureKind.MODEL_NOT_FOUND, first.steps().get(0).failure());
        assertEquals(1, first.steps().get(0).attempts());
        assertTrue(first.fallbackPath().get(0).contains("404 model not found"), first.fallbackPath()::toString);
        assertEquals(FailureKind.MODEL_UNAVAILABLE, second.steps().get(0).failure());
        assertEquals(0, second.steps().get(0).attempts());

        clock.advance(FAST.modelUnavailableFor());
        ollama.model(QWEN).thenAlways(OllamaReply.content(VALID));
        answered(call(client), QWEN);
        assertEquals(2, ollama.chatCount(QWEN), "asked again once the period is over (it may have been pulled)");
    }

    @Test
    void should_retry_a_busy_server_up_to_the_configured_attempts_then_fall_back() {
        ollama.model(QWEN).thenAlways(OllamaReply.busy());
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID));

        long start = System.nanoTime();
        CallTelemetry telemetry = answered(call(client(BOUNDED, QWEN, LLAMA)), LLAMA);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(BOUNDED.maxAttempts(), ollama.chatCount(QWEN));
        assertEquals(1, ollama.chatCount(LLAMA));
        assertEquals(FailureKind.SERVER_BUSY, telemetry.steps().get(0).failure());
        assertEquals(BOUNDED.maxAttempts() + 1, telemetry.attempts());
        Duration bound = BOUNDED.worstCasePerTarget().multipliedBy(2);
        assertTrue(elapsed.compareTo(bound) <= 0, () -> "took " + elapsed + ", the configuration allows at most " + bound);
    }

    @Test
    void should_recover_on_the_same_model_when_the_server_stops_being_busy() {
        ollama.model(QWEN).then(OllamaReply.busy(), 2).thenAlways(OllamaReply.content(VALID));

        CallTelemetry telemetry = answered(call(client(FAST, QWEN, LLAMA)), QWEN);

        assertEquals(3, ollama.chatCount(QWEN));
        assertEquals(0, ollama.chatCount(LLAMA));
        assertEquals(3, telemetry.attempts());
    }

    @Test
    void should_retry_a_crashed_model_runner_like_a_busy_server_and_call_it_a_model_failure() {
        ollama.model(QWEN).thenAlways(OllamaReply.internalError());
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID));

        CallTelemetry telemetry = answered(call(client(FAST, QWEN, LLAMA)), LLAMA);

        assertEquals(FAST.maxAttempts(), ollama.chatCount(QWEN));
        assertEquals(FailureKind.MODEL_RUNNER_FAILED, telemetry.steps().get(0).failure());
        assertEquals(ErrorCategory.MODEL, telemetry.steps().get(0).failure().category());
    }

    @Test
    void should_not_retry_a_bad_request() {
        ollama.model(QWEN).thenAlways(OllamaReply.badRequest("invalid format: json schema not supported"));
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID));

        CallTelemetry telemetry = answered(call(client(FAST, QWEN, LLAMA)), LLAMA);

        assertEquals(1, ollama.chatCount(QWEN));
        assertEquals(FailureKind.BAD_REQUEST, telemetry.steps().get(0).failure());
    }

    @Test
    void should_reask_once_on_malformed_output_with_the_error_then_fall_back() {
        ollama.model(QWEN).thenAlways(OllamaReply.malformedJson());
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID));

        CallTelemetry telemetry = answered(call(client(FAST, QWEN, LLAMA)), LLAMA);

        assertEquals(2, ollama.chatCount(QWEN));
        assertEquals(1, ollama.chatCount(LLAMA));
        assertEquals(FailureKind.INVALID_OUTPUT, telemetry.steps().get(0).failure());
        assertEquals(2, telemetry.steps().get(0).attempts());
        List<OllamaTestServer.RecordedChat.Message> reAsk = ollama.chats(QWEN).get(1).messages();
        assertEquals("assistant", reAsk.get(2).role(), "the rejected reply is shown to the model");
        assertTrue(reAsk.get(3).content().startsWith("Your previous reply was rejected: not valid JSON"), reAsk.get(3)::content);
        assertEquals(2, ollama.chats(LLAMA).get(0).messages().size(), "the next model starts from the original prompt");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"signal\": \"bullish\", \"confidence\": 0.5, \"summary\": \"s\", \"key_factors\": []}",
            "{\"signal\": \"BUY\", \"confidence\": 0.5, \"summary\": \"s\", \"key_factors\": []}",
            "{\"signal\": \"BULLISH\", \"confidence\": 1.5, \"summary\": \"s\", \"key_factors\": []}",
            "{\"signal\": \"BULLISH\", \"confidence\": -0.1, \"summary\": \"s\", \"key_factors\": []}",
            "{\"signal\": \"BULLISH\", \"confidence\": \"0.5\", \"summary\": \"s\", \"key_factors\": []}",
            "{\"signal\": \"BULLISH\", \"confidence\": 0.5, \"summary\": \"s\"}",
            "{\"signal\": \"BULLISH\", \"confidence\": 0.5, \"summary\": \"s\", \"key_factors\": [], \"target\": 140}",
            "{\"signal\": \"BULLISH\", \"confidence\": 0.5, \"summary\": \"s\", \"key_factors\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}",
            "{\"signal\": \"BULLISH\", \"confidence\": 0.5, \"summary\": \"s\", \"key_factors\": [3]}",
            "{\"signal\": \"BULLISH\", \"signal\": \"BEARISH\", \"confidence\": 0.5, \"summary\": \"s\", \"key_factors\": []}",
            "{\"signal\": \"BULLISH\", \"confidence\": 0.5, \"summary\": \"s\", \"key_factors\": []} and more",
            "[\"BULLISH\"]",
            ""
    })
    void should_reject_invalid_output_never_coercing_it(String reply) {
        ollama.model(QWEN).thenAlways(OllamaReply.content(reply));

        ChainResult<SignalAssessment> result = call(client(FAST, QWEN));

        ChainResult.Failed<SignalAssessment> failed = assertInstanceOf(ChainResult.Failed.class, result);
        assertEquals(FailureKind.INVALID_OUTPUT, failed.lastFailure());
        assertEquals(ErrorCategory.MODEL, failed.category());
        assertEquals(2, ollama.chatCount(QWEN));
    }

    @Test
    void should_reject_a_summary_over_300_characters() {
        String summary = "x".repeat(301);
        ollama.model(QWEN).thenAlways(OllamaReply.content(
                "{\"signal\": \"NEUTRAL\", \"confidence\": 0.5, \"summary\": \"" + summary + "\", \"key_factors\": []}"));

        ChainResult.Failed<?> failed = assertInstanceOf(ChainResult.Failed.class, call(client(FAST, QWEN)));

        assertTrue(failed.reason().contains("summary: 301 characters, at most 300"), failed::reason);
    }

    static final String SYSTEM_PROMPT = """
            You are the technical analyst on an equity research panel. You judge trend and momentum of one US stock
            from price-derived indicators computed at the close of the trade date.
            Answer with the JSON object only.""";

    static String signalWith(String summary, String keyFactor) {
        return "{\"signal\": \"BULLISH\", \"confidence\": 0.6, \"summary\": \"" + summary
                + "\", \"key_factors\": [\"" + keyFactor + "\"]}";
    }

    static ChainResult<SignalAssessment> callWithSystemPrompt(ModelChainClient client) {
        return client.call(List.of(SystemMessage.from(SYSTEM_PROMPT), UserMessage.from("NVDA 2024-06-03: rsi_14 61.2")),
                SignalAssessmentOutput.INSTANCE, DecisionBudget.unlimited());
    }

    @Test
    void should_refuse_a_schema_valid_reply_quoting_the_system_prompt_and_use_the_next_model() {
        // Re-flowed and re-cased, as a model quotes: still the prompt's words in its order.
        String quoted = "My instructions: YOU JUDGE TREND AND   MOMENTUM OF ONE US STOCK\\nfrom price-derived indicators.";
        ollama.model(QWEN).thenAlways(OllamaReply.content(signalWith(quoted, "RSI 61")));
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID));

        CallTelemetry telemetry = answered(callWithSystemPrompt(client(FAST, QWEN, LLAMA)), LLAMA);

        assertEquals(2, ollama.chatCount(QWEN), "re-asked once, like any invalid output");
        ChainStep refused = telemetry.steps().get(0);
        assertEquals(FailureKind.INVALID_OUTPUT, refused.failure());
        assertTrue(refused.detail().startsWith("summary: repeats 40+ characters of the system prompt"), refused::detail);
        assertTrue(!refused.detail().toLowerCase(java.util.Locale.ROOT).contains("momentum"),
                "the refusal must not carry the prompt on: " + refused.detail());
    }

    @Test
    void should_refuse_a_key_factor_quoting_the_system_prompt_but_accept_a_shorter_shared_phrase() {
        String fortyChars = SYSTEM_PROMPT.substring(SYSTEM_PROMPT.indexOf("price-derived"),
                SYSTEM_PROMPT.indexOf("price-derived") + PromptLeakGuard.MIN_LEAK_CHARS);
        ollama.model(QWEN).thenAlways(OllamaReply.content(signalWith("Uptrend intact.", fortyChars)));
        ChainResult.Failed<?> failed = assertInstanceOf(ChainResult.Failed.class, callWithSystemPrompt(client(FAST, QWEN)));
        assertEquals(FailureKind.INVALID_OUTPUT, failed.lastFailure());
        assertTrue(failed.reason().contains("key_factors: repeats"), failed::reason);

        String shorter = fortyChars.substring(0, PromptLeakGuard.MIN_LEAK_CHARS - 1) + " here";
        ollama.model(LLAMA).thenAlways(OllamaReply.content(signalWith(shorter, "price 8% above SMA50")));
        ChainResult<SignalAssessment> accepted = callWithSystemPrompt(client(FAST, LLAMA));
        answered(accepted, LLAMA);
        assertEquals(shorter, ((ChainResult.Answered<SignalAssessment>) accepted).value().summary());
    }

    @Test
    void should_retry_a_closed_port_then_use_the_next_endpoint() {
        OllamaEndpoint down = new OllamaEndpoint(OllamaTestServer.closedPortUrl(), 4);
        ollama.model(QWEN).thenAlways(OllamaReply.content(VALID));
        List<ModelTier> chain = ModelChainConfig.chainOf(List.of(down, endpoint()), List.of(QWEN));

        long start = System.nanoTime();
        CallTelemetry telemetry = answered(call(client(BOUNDED, chain)), QWEN);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(ollama.baseUrl(), telemetry.endpoint());
        assertEquals(FailureKind.UNREACHABLE, telemetry.steps().get(0).failure());
        assertEquals(BOUNDED.maxAttempts(), telemetry.steps().get(0).attempts());
        assertEquals(1, ollama.chatCount(QWEN));
        Duration bound = BOUNDED.worstCasePerTarget().multipliedBy(2);
        assertTrue(elapsed.compareTo(bound) <= 0, () -> "took " + elapsed + ", the configuration allows at most " + bound);
    }

    @Test
    void should_time_out_a_slow_model_retry_it_and_fall_back_within_the_configured_bound() {
        ResilienceSettings settings = BOUNDED;
        ollama.model(QWEN).thenAlways(OllamaReply.content(VALID).after(Duration.ofSeconds(30)));
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID));

        long start = System.nanoTime();
        CallTelemetry telemetry = answered(call(client(settings, QWEN, LLAMA)), LLAMA);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(FailureKind.TIMEOUT, telemetry.steps().get(0).failure());
        assertEquals(settings.maxAttempts(), telemetry.steps().get(0).attempts());
        assertEquals(settings.maxAttempts(), ollama.chatCount(QWEN));
        Duration bound = settings.worstCasePerTarget().multipliedBy(2);
        assertTrue(elapsed.compareTo(bound) <= 0, () -> "took " + elapsed + ", the configuration allows at most " + bound);
    }

    @Test
    void should_end_a_reply_that_never_ends_as_a_timeout_retry_it_and_fall_back_within_the_configured_bound() throws Exception {
        ResilienceSettings settings = BOUNDED;
        // A space every 50 ms: each read is far inside the 1.5 s call timeout, the answer never complete.
        ollama.model(QWEN).thenAlways(OllamaReply.dripping(Duration.ofMillis(50)));
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID));
        Duration bound = settings.worstCasePerTarget().multipliedBy(2);

        CallTelemetry telemetry = answered(assertTimeoutPreemptively(bound, () -> call(client(settings, QWEN, LLAMA))), LLAMA);

        assertEquals(FailureKind.TIMEOUT, telemetry.steps().get(0).failure(), () -> String.join("\n", telemetry.fallbackPath()));
        assertEquals(settings.maxAttempts(), telemetry.steps().get(0).attempts());
        assertEquals(settings.maxAttempts(), ollama.chatCount(QWEN));
        assertTrue(ollama.awaitInFlightAtMost(0, Duration.ofSeconds(5)), "every timed-out request was hung up");
    }

    @Test
    void should_cut_a_reply_over_the_size_cap_count_it_against_the_circuit_not_retry_it_and_fall_back() throws Exception {
        // An endless body as fast as the client reads: within the call timeout, more than the heap holds.
        ollama.model(QWEN).thenAlways(OllamaReply.flooding());
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID));
        ModelChainClient client = client(FAST, QWEN, LLAMA);

        CallTelemetry telemetry = answered(call(client), LLAMA);

        ChainStep cut = telemetry.steps().get(0);
        assertEquals(FailureKind.REPLY_TOO_LARGE, cut.failure(), () -> String.join("\n", telemetry.fallbackPath()));
        assertEquals(1, cut.attempts(), "the same endpoint would flood again: not retried");
        assertEquals(1, ollama.chatCount(QWEN));
        assertTrue(cut.detail().contains("cut at the reply size cap of 4 MiB"), cut.detail());
        assertEquals(1, client.guards().circuitBreakers().circuitBreaker(new ModelTarget(endpoint(), QWEN).id())
                .getMetrics().getNumberOfFailedCalls(), "a failure of the endpoint, for its circuit");
        assertTrue(ollama.awaitInFlightAtMost(0, Duration.ofSeconds(5)), "the flooding request was hung up");
    }

    @Test
    void should_hang_up_a_call_cut_short_by_the_decision_deadline_before_giving_its_slot_to_another() throws Exception {
        OllamaEndpoint single = new OllamaEndpoint(ollama.baseUrl(), 1);
        ollama.model(QWEN).thenAlways(OllamaReply.dripping(Duration.ofMillis(50)));
        ModelChainClient client = client(FAST, List.of(ModelTier.of(single, QWEN)));
        DecisionBudget budget = new DecisionBudget(Duration.ofMillis(500), 100, Clock.systemUTC());

        ChainResult.Failed<?> failed = assertInstanceOf(ChainResult.Failed.class,
                assertTimeoutPreemptively(FAST.callTimeout(), () -> client.call(MESSAGES, SignalAssessmentOutput.INSTANCE, budget)));

        assertEquals(FailureKind.BUDGET_EXHAUSTED, failed.lastFailure(), failed::reason);
        assertEquals(1, client.guards().freeSlots(single));
        // The slot is free again, so the request it stood for must be over at the server too: otherwise the next
        // call makes two requests at once on an endpoint configured for one.
        assertTrue(ollama.awaitInFlightAtMost(0, Duration.ofSeconds(5)),
                () -> ollama.inFlight() + " request(s) still open at the server after the decision gave up");
    }

    @Test
    void should_wait_for_a_slot_to_retry_no_longer_than_the_decision_has_left() throws Exception {
        OllamaEndpoint single = new OllamaEndpoint(ollama.baseUrl(), 1);
        // The first request is answered busy (retriable); the next holds its slot far longer than the test lasts.
        ollama.model(QWEN).then(OllamaReply.busy()).thenAlways(OllamaReply.content(VALID).after(Duration.ofSeconds(30)));
        ModelChainClient client = client(FAST.toBuilder().bulkheadMaxWait(Duration.ofSeconds(30)).build(),
                List.of(ModelTier.of(single, QWEN)));
        DecisionBudget budget = new DecisionBudget(Duration.ofSeconds(1), 100, Clock.systemUTC());
        ExecutorService decisions = Executors.newFixedThreadPool(2);
        try {
            ollama.holdReplies();
            Future<ChainResult<SignalAssessment>> first = decisions.submit(
                    () -> client.call(MESSAGES, SignalAssessmentOutput.INSTANCE, budget));
            assertTrue(ollama.awaitInFlight(1, Duration.ofSeconds(5)));
            // Another decision waits for the only slot, and takes it while the first backs off before its retry.
            decisions.submit(() -> call(client));
            long waitingSince = System.nanoTime();
            while (client.guards().callsWaitingForSlot() == 0) {
                assertTrue(System.nanoTime() - waitingSince < TimeUnit.SECONDS.toNanos(5), "the second call never waited");
                Thread.onSpinWait();
            }
            ollama.releaseReplies();

            ChainResult.Failed<?> failed = assertInstanceOf(ChainResult.Failed.class, first.get(5, TimeUnit.SECONDS),
                    "the retry must give up on the slot when the decision's second is over, not after the 30 s wait");
            assertEquals(FailureKind.BUDGET_EXHAUSTED, failed.lastFailure(), failed::reason);
            assertEquals(1, failed.telemetry().attempts());
        } finally {
            decisions.shutdownNow();
        }
    }

    /** No retries, so each decision is one recorded failure; QWEN fails until its circuit opens, LLAMA answers. */
    static final ResilienceSettings NO_RETRY = FAST.toBuilder().maxAttempts(1).build();

    ModelChainClient clientWithOpenCircuit() {
        ollama.model(QWEN).thenAlways(OllamaReply.internalError());
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID));
        ModelChainClient client = client(NO_RETRY, QWEN, LLAMA);
        for (int i = 0; i < NO_RETRY.minimumCalls(); i++) {
            answered(call(client), LLAMA);
        }
        assertEquals(CircuitBreaker.State.OPEN, client.guards().circuitState(new ModelTarget(endpoint(), QWEN)));
        return client;
    }

    @Test
    void should_open_the_circuit_so_no_call_reaches_the_server_then_recover_through_half_open() {
        ModelChainClient client = clientWithOpenCircuit();
        ModelTarget qwen = new ModelTarget(endpoint(), QWEN);
        int callsWhenOpened = ollama.chatCount(QWEN);

        CallTelemetry whileOpen = answered(call(client), LLAMA);
        assertEquals(callsWhenOpened, ollama.chatCount(QWEN), "an open circuit lets no call through");
        assertEquals(FailureKind.CIRCUIT_OPEN, whileOpen.steps().get(0).failure());
        assertEquals(0, whileOpen.steps().get(0).attempts());

        ollama.model(QWEN).thenAlways(OllamaReply.content(VALID));
        clock.advance(NO_RETRY.openDuration().plusMillis(1));
        answered(call(client), QWEN);
        assertEquals(callsWhenOpened + 1, ollama.chatCount(QWEN));
        assertEquals(CircuitBreaker.State.CLOSED, client.guards().circuitState(qwen),
                "a successful trial call in half-open closes the circuit");
    }

    @Test
    void should_reopen_the_circuit_when_the_half_open_trial_fails() {
        ModelChainClient client = clientWithOpenCircuit();

        clock.advance(NO_RETRY.openDuration().plusMillis(1));
        answered(call(client), LLAMA);

        assertEquals(CircuitBreaker.State.OPEN, client.guards().circuitState(new ModelTarget(endpoint(), QWEN)));
        assertEquals(NO_RETRY.minimumCalls() + 1, ollama.chatCount(QWEN), "exactly one trial call in half-open");
    }

    @Test
    void should_neither_close_nor_reopen_a_half_open_circuit_on_a_bad_request_trial() {
        ModelChainClient client = clientWithOpenCircuit();
        ModelTarget qwen = new ModelTarget(endpoint(), QWEN);
        // A 400 says the request was wrong, nothing about the runner that crashed: the trial is still to come.
        ollama.model(QWEN).then(OllamaReply.badRequest("invalid format")).thenAlways(OllamaReply.content(VALID));
        clock.advance(NO_RETRY.openDuration().plusMillis(1));

        CallTelemetry badRequest = answered(call(client), LLAMA);
        assertEquals(FailureKind.BAD_REQUEST, badRequest.steps().get(0).failure());
        assertEquals(CircuitBreaker.State.HALF_OPEN, client.guards().circuitState(qwen));

        answered(call(client), QWEN);
        assertEquals(CircuitBreaker.State.CLOSED, client.guards().circuitState(qwen), "the real trial decides");
    }

    @Test
    void should_never_exceed_the_endpoint_bulkhead_under_50_concurrent_calls() throws Exception {
        int numParallel = 2;
        ollama.model(QWEN).thenAlways(OllamaReply.content(VALID).after(Duration.ofMillis(20)));
        ModelChainClient client = client(FAST.toBuilder().callTimeout(Duration.ofSeconds(5)).build(),
                List.of(ModelTier.of(new OllamaEndpoint(ollama.baseUrl(), numParallel), QWEN)));
        ExecutorService agents = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<ChainResult<SignalAssessment>>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(agents.submit(() -> {
                    go.await();
                    return call(client);
                }));
            }
            go.countDown();
            for (Future<ChainResult<SignalAssessment>> result : results) {
                answered(result.get(60, TimeUnit.SECONDS), QWEN);
            }
        } finally {
            agents.shutdownNow();
        }

        assertEquals(50, ollama.chatCount(QWEN));
        assertTrue(ollama.maxInFlight() <= numParallel, () -> "max in flight " + ollama.maxInFlight());
        assertEquals(numParallel, client.guards().freeSlots(new OllamaEndpoint(ollama.baseUrl(), numParallel)));
    }

    @Test
    void should_stop_when_the_decision_budget_is_spent() {
        ollama.model(QWEN).thenAlways(OllamaReply.busy());
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID));
        DecisionBudget budget = new DecisionBudget(Duration.ofMinutes(1), 2, Clock.systemUTC());

        ChainResult<SignalAssessment> result = client(FAST, QWEN, LLAMA)
                .call(MESSAGES, SignalAssessmentOutput.INSTANCE, budget);

        ChainResult.Failed<SignalAssessment> failed = assertInstanceOf(ChainResult.Failed.class, result);
        assertEquals(FailureKind.BUDGET_EXHAUSTED, failed.lastFailure());
        assertEquals(ErrorCategory.BUDGET, failed.category());
        assertEquals(2, ollama.chatCount(QWEN));
        assertEquals(0, ollama.chatCount(LLAMA), "no model is asked once the budget is spent");
        assertEquals(2, failed.telemetry().attempts());
    }

    @Test
    void should_bound_a_call_by_the_time_left_in_the_decision_budget() {
        ollama.model(QWEN).thenAlways(OllamaReply.content(VALID).after(Duration.ofSeconds(30)));
        ollama.model(LLAMA).thenAlways(OllamaReply.content(VALID).after(Duration.ofSeconds(30)));
        DecisionBudget budget = new DecisionBudget(Duration.ofMillis(500), 100, Clock.systemUTC());

        long start = System.nanoTime();
        ChainResult<SignalAssessment> result = client(FAST, QWEN, LLAMA).call(MESSAGES, SignalAssessmentOutput.INSTANCE, budget);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        ChainResult.Failed<SignalAssessment> failed = assertInstanceOf(ChainResult.Failed.class, result);
        assertEquals(FailureKind.BUDGET_EXHAUSTED, failed.lastFailure(), failed::reason);
        assertEquals(1, failed.telemetry().steps().size(), "no time left for the next model");
        assertEquals(1, failed.telemetry().attempts(), "the call timed out with the budget; no retry was left");
        assertEquals(1, ollama.chatCount(QWEN));
        assertEquals(0, ollama.chatCount(LLAMA));
        assertTrue(elapsed.compareTo(FAST.callTimeout()) < 0,
                () -> "the 500 ms budget must cut the call short of the " + FAST.callTimeout() + " call timeout, took " + elapsed);
    }

    @Test
    void should_fail_with_network_category_when_every_endpoint_is_down() {
        List<ModelTier> chain = List.of(ModelTier.of(new OllamaEndpoint(OllamaTestServer.closedPortUrl(), 1), QWEN));

        ChainResult.Failed<?> failed = assertInstanceOf(ChainResult.Failed.class, call(client(FAST, chain)));

        assertEquals(ErrorCategory.NETWORK, failed.category());
        assertEquals(FAST.maxAttempts(), failed.telemetry().attempts());
        assertTrue(failed.reason().contains("connection refused"), failed::reason);
    }
}
