package dev.quorum.agents.llm;

import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OllamaProbeTest {

    final OllamaProbe probe = new OllamaProbe(Duration.ofSeconds(5));

    @Test
    void should_report_the_version_and_pulled_models_and_what_is_missing() {
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.model("qwen2.5:7b").thenAlways(OllamaReply.content("{}"));
            OllamaEndpoint endpoint = OllamaEndpoint.of(ollama.baseUrl());

            OllamaProbe.EndpointStatus status = probe.probe(endpoint);

            assertTrue(status.reachable());
            assertEquals(OllamaTestServer.VERSION, status.version());
            assertEquals(Set.of("qwen2.5:7b"), status.models());
            List<String> problems = OllamaProbe.problems(
                    List.of(new ModelTarget(endpoint, "qwen2.5:7b"), new ModelTarget(endpoint, "gemma3:4b")), List.of(status));
            assertEquals(List.of("model 'gemma3:4b' is not pulled on " + ollama.baseUrl()
                    + ": run `ollama pull gemma3:4b` there"), problems);
        }
    }

    @Test
    void should_say_an_endpoint_is_unreachable() {
        OllamaEndpoint endpoint = OllamaEndpoint.of(OllamaTestServer.closedPortUrl());

        OllamaProbe.EndpointStatus status = probe.probe(endpoint);

        assertFalse(status.reachable());
        assertEquals("connection refused", status.problem());
        assertTrue(OllamaProbe.problems(List.of(new ModelTarget(endpoint, "qwen2.5:7b")), List.of(status)).get(0)
                .startsWith("Ollama at " + endpoint.baseUrl() + " is unreachable (connection refused)"));
    }
}
