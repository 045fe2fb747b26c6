package dev.quorum.agents.llm;

import dev.quorum.testkit.ManualClock;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.quorum.agents.llm.ModelChainClientTest.FAST;
import static dev.quorum.agents.llm.ModelChainClientTest.LLAMA;
import static dev.quorum.agents.llm.ModelChainClientTest.QWEN;
import static dev.quorum.agents.llm.ModelChainClientTest.VALID;
import static dev.quorum.agents.llm.ModelChainClientTest.answered;
import static dev.quorum.agents.llm.ModelChainClientTest.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model tier served by several Ollama hosts (each an Ollama protocol test server): calls go to the least busy
 * healthy endpoint. Held replies make "who is serving what" observable without timing anything.
 */
class EndpointBalancingTest {

    static final Duration AWAIT = Duration.ofSeconds(20);

    OllamaTestServer gpu1;
    OllamaTestServer gpu2;
    ManualClock clock;
    ModelChainClient client;
    ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() {
        gpu1 = OllamaTestServer.start();
        gpu2 = OllamaTestServer.start();
        clock = new ManualClock();
        for (OllamaTestServer gpu : List.of(gpu1, gpu2)) {
            gpu.model(QWEN).thenAlways(OllamaReply.content(VALID));
        }
    }

    @AfterEach
    void stop() {
        gpu1.releaseReplies();
        gpu2.releaseReplies();
        callers.shutdownNow();
        if (client != null) {
            client.close();
        }
        gpu1.close();
        gpu2.close();
    }

    static OllamaEndpoint endpoint(OllamaTestServer server, int numParallel) {
        return new OllamaEndpoint(server.baseUrl(), numParallel);
    }

    ModelChainClient client(ResilienceSettings settings, List<ModelTier> chain) {
        client = new ModelChainClient(new ModelChainConfig(chain, settings, new GenerationOptions(0.1, 7, 4096)), clock);
        return client;
    }

    CompletableFuture<CallTelemetry> callAsync(ModelChainClient chain) {
        return CompletableFuture.supplyAsync(() -> answered(call(chain), QWEN), callers);
    }

    @Test
    void should_spread_concurrent_calls_over_both_endpoints_so_none_waits() throws Exception {
        gpu1.limitConcurrency(2).holdReplies();
        gpu2.limitConcurrency(2).holdReplies();
        ModelChainClient chain = client(FAST, List.of(new ModelTier(QWEN, List.of(endpoint(gpu1, 2), endpoint(gpu2, 2)))));

        List<CompletableFuture<CallTelemetry>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(callAsync(chain));
        }

        assertTrue(gpu1.awaitInFlight(2, AWAIT), () -> "gpu1 serves " + gpu1.inFlight());
        assertTrue(gpu2.awaitInFlight(2, AWAIT), () -> "gpu2 serves " + gpu2.inFlight());
        assertEquals(List.of(1.0, 1.0), chain.endpointLoads().stream().map(EndpointLoad::occupancy).toList(),
                "all four calls are being served at once: none waits for a slot");
        gpu1.releaseReplies();
        gpu2.releaseReplies();
        for (CompletableFuture<CallTelemetry> result : calls) {
            result.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertEquals(2, gpu1.chatCount(QWEN));
        assertEquals(2, gpu2.chatCount(QWEN));
        assertEquals(0, gpu1.busyRejections() + gpu2.busyRejections(), "no host was sent more than its parallel");
        assertEquals(List.of(0, 0), chain.endpointLoads().stream().map(EndpointLoad::inFlight).toList());
    }

    @Test
    void should_pass_a_full_endpoint_over_for_one_with_room_even_when_it_is_listed_first() throws Exception {
        gpu1.holdReplies();
        ModelChainClient chain = client(FAST, List.of(new ModelTier(QWEN, List.of(endpoint(gpu1, 1), endpoint(gpu2, 1)))));

        CompletableFuture<CallTelemetry> first = callAsync(chain);
        assertTrue(gpu1.awaitInFlight(1, AWAIT), "the first call goes to the first listed endpoint (a tie)");
        CallTelemetry second = answered(call(chain), QWEN);

        assertEquals(gpu2.baseUrl(), second.endpoint());
        assertEquals(1, second.steps().size(), "the full endpoint was not tried: " + second.fallbackPath());
        gpu1.releaseReplies();
        assertEquals(gpu1.baseUrl(), first.get(AWAIT.toSeconds(), TimeUnit.SECONDS).endpoint());
    }

    @Test
    void should_give_fewer_calls_to_an_endpoint_that_is_still_busy_with_a_slow_reply() throws Exception {
        gpu1.holdReplies();
        ModelChainClient chain = client(FAST, List.of(new ModelTier(QWEN, List.of(endpoint(gpu1, 2), endpoint(gpu2, 2)))));

        CompletableFuture<CallTelemetry> slow = callAsync(chain);
        assertTrue(gpu1.awaitInFlight(1, AWAIT));
        for (int i = 0; i < 8; i++) {
            assertEquals(gpu2.baseUrl(), answered(call(chain), QWEN).endpoint(),
                    "gpu2 is idle while gpu1 is half busy: it answers");
        }
        gpu1.releaseReplies();
        slow.get(AWAIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(1, gpu1.chatCount(QWEN));
        assertEquals(8, gpu2.chatCount(QWEN));
    }

    @Test
    void should_open_the_circuit_of_a_down_endpoint_and_send_every_call_to_the_other() {
        ResilienceSettings noRetry = FAST.toBuilder().maxAttempts(1).build();
        OllamaEndpoint down = new OllamaEndpoint(OllamaTestServer.closedPortUrl(), 2);
        ModelChainClient chain = client(noRetry, List.of(new ModelTier(QWEN, List.of(down, endpoint(gpu2, 2)))));

        for (int i = 0; i < noRetry.minimumCalls(); i++) {
            CallTelemetry telemetry = answered(call(chain), QWEN);
            assertEquals(FailureKind.UNREACHABLE, telemetry.steps().get(0).failure(), "listed first, still closed: tried");
            assertEquals(gpu2.baseUrl(), telemetry.endpoint());
        }
        assertEquals(Map.of(QWEN, CircuitBreaker.State.OPEN), chain.endpointLoads().get(0).circuits());

        for (int i = 0; i < 5; i++) {
            CallTelemetry telemetry = answered(call(chain), QWEN);
            assertEquals(1, telemetry.steps().size(), "the open endpoint is not tried: " + telemetry.fallbackPath());
            assertEquals(gpu2.baseUrl(), telemetry.endpoint());
        }
        assertEquals(noRetry.minimumCalls() + 5, gpu2.chatCount(QWEN));
    }

    @Test
    void should_fail_fast_on_an_open_circuit_only_when_every_other_endpoint_failed() {
        ResilienceSettings noRetry = FAST.toBuilder().maxAttempts(1).build();
        gpu1.model(QWEN).thenAlways(OllamaReply.internalError());
        gpu2.model(QWEN).thenAlways(OllamaReply.internalError());
        gpu1.model(LLAMA).thenAlways(OllamaReply.content(VALID));
        ModelTier qwen = new ModelTier(QWEN, List.of(endpoint(gpu1, 2), endpoint(gpu2, 2)));
        ModelChainClient chain = client(noRetry, List.of(qwen, ModelTier.of(endpoint(gpu1, 2), LLAMA)));

        for (int i = 0; i < noRetry.minimumCalls(); i++) {
            assertEquals(3, answered(call(chain), LLAMA).steps().size());
        }
        int qwenCalls = gpu1.chatCount(QWEN) + gpu2.chatCount(QWEN);
        CallTelemetry telemetry = answered(call(chain), LLAMA);

        assertEquals(Arrays.asList(FailureKind.CIRCUIT_OPEN, FailureKind.CIRCUIT_OPEN, null),
                telemetry.steps().stream().map(ChainStep::failure).toList());
        assertEquals(qwenCalls, gpu1.chatCount(QWEN) + gpu2.chatCount(QWEN), "open circuits make no call");
    }

    @Test
    void should_skip_an_endpoint_where_the_model_is_not_pulled_and_use_the_other() {
        gpu1.remove(QWEN);
        ModelChainClient chain = client(FAST, List.of(new ModelTier(QWEN, List.of(endpoint(gpu1, 2), endpoint(gpu2, 2)))));

        CallTelemetry first = answered(call(chain), QWEN);
        CallTelemetry second = answered(call(chain), QWEN);

        assertEquals(FailureKind.MODEL_NOT_FOUND, first.steps().get(0).failure());
        assertEquals(gpu2.baseUrl(), first.endpoint());
        assertEquals(1, second.steps().size(), "the 404 endpoint is skipped for a while: " + second.fallbackPath());
        assertEquals(1, gpu1.chatCount(QWEN));
    }

    @Test
    void should_refuse_a_tier_without_endpoints_or_with_one_twice() {
        OllamaEndpoint one = endpoint(gpu1, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModelTier(QWEN, List.of())).getMessage()
                .contains("has no endpoint"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModelTier(QWEN, List.of(one, one))).getMessage()
                .contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModelChainConfig(
                List.of(ModelTier.of(one, QWEN), new ModelTier(QWEN, List.of(endpoint(gpu2, 2), one))), FAST,
                GenerationOptions.DEFAULT)).getMessage().contains("lists " + one.baseUrl() + "|" + QWEN + " twice"));
    }
}
