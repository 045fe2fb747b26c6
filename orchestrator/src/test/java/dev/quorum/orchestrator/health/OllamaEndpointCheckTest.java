package dev.quorum.orchestrator.health;

import dev.quorum.agents.llm.GenerationOptions;
import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.llm.ModelChainConfig;
import dev.quorum.agents.llm.ModelTarget;
import dev.quorum.agents.llm.ModelTier;
import dev.quorum.agents.llm.OllamaEndpoint;
import dev.quorum.agents.llm.ResilienceSettings;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An Ollama endpoint's readiness against the Ollama protocol test server, with a real chain's circuits. */
class OllamaEndpointCheckTest {

    static final String QWEN = "qwen2.5:7b";
    static final String GEMMA = "gemma3:4b";

    final OllamaTestServer ollama = OllamaTestServer.start();
    final OllamaEndpoint endpoint = OllamaEndpoint.of(ollama.baseUrl());
    final ModelChainClient chain = new ModelChainClient(new ModelChainConfig(List.of(
            new ModelTier(QWEN, List.of(endpoint)), new ModelTier(GEMMA, List.of(endpoint))),
            ResilienceSettings.builder().build(), GenerationOptions.DEFAULT));

    @AfterEach
    void stop() {
        chain.close();
        ollama.close();
    }

    @Test
    void should_stay_up_while_one_model_serves_and_name_the_models_not_pulled() {
        ollama.model(QWEN).thenAlways(OllamaReply.content("{}"));

        CheckResult result = new OllamaEndpointCheck("gpu", ollama.baseUrl(), chain, Duration.ZERO).check();

        assertTrue(result.up(), result.detail());
        assertEquals("Ollama " + OllamaTestServer.VERSION + " at " + ollama.baseUrl() + " serves 1 of 2 models; not pulled: "
                + GEMMA, result.detail());
    }

    @Test
    void should_be_down_when_every_pulled_model_has_its_circuit_open() {
        ollama.model(QWEN).thenAlways(OllamaReply.content("{}"));
        chain.guards().circuitState(new ModelTarget(endpoint, QWEN)); // creates the circuit
        chain.guards().circuitBreakers().getAllCircuitBreakers().forEach(circuit -> circuit.transitionToOpenState());

        CheckResult result = new OllamaEndpointCheck("gpu", ollama.baseUrl(), chain, Duration.ZERO).check();

        assertFalse(result.up(), result.detail());
        assertEquals("Ollama " + OllamaTestServer.VERSION + " at " + ollama.baseUrl() + " serves 0 of 2 models; not pulled: "
                + GEMMA + "; circuit open: " + QWEN, result.detail());
    }

    @Test
    void should_answer_from_the_kept_probe_until_it_is_old() {
        ollama.model(QWEN).thenAlways(OllamaReply.content("{}"));
        OllamaEndpointCheck kept = new OllamaEndpointCheck("gpu", ollama.baseUrl(), chain, Duration.ofMinutes(10));
        assertTrue(kept.check().up());

        ollama.remove(QWEN);

        assertTrue(kept.check().up(), "within the period no request is made: the model list is the kept one");
        assertFalse(new OllamaEndpointCheck("gpu", ollama.baseUrl(), chain, Duration.ZERO).check().up());
    }

    @Test
    void should_report_an_endpoint_that_floods_its_model_list_within_the_probe_timeout() {
        ollama.tagsReply(OllamaReply.flooding());

        CheckResult result = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new OllamaEndpointCheck("gpu", ollama.baseUrl(), chain, Duration.ZERO).check());

        assertFalse(result.up());
        assertTrue(result.detail().startsWith("Ollama at " + ollama.baseUrl() + " is unreachable (reply from "), result.detail());
    }
}
