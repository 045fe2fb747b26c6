package dev.quorum.agents.llm;

import dev.quorum.agents.llm.http.BlockingHttpClient;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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

    @Test
    void should_not_show_the_password_of_an_endpoint_given_with_user_info() {
        // A command's --endpoint is not refused for user-info as the configured URLs are; its lines reach the terminal.
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            OllamaEndpoint up = OllamaEndpoint.of(ollama.baseUrl().replace("://", "://quorum:s3cret@"));
            OllamaEndpoint down = OllamaEndpoint.of(OllamaTestServer.closedPortUrl().replace("://", "://quorum:s3cret@"));
            List<OllamaProbe.EndpointStatus> statuses = List.of(probe.probe(up), probe.probe(down));

            List<String> problems = OllamaProbe.problems(
                    List.of(new ModelTarget(up, "qwen2.5:7b"), new ModelTarget(down, "qwen2.5:7b")), statuses);

            assertEquals(List.of("Ollama at " + down.baseUrl().replace("quorum:s3cret@", "***@") + " is unreachable "
                    + "(connection refused): start it with `ollama serve` there, or " + OllamaProbe.ANOTHER_ENDPOINT_OPTION,
                    "model 'qwen2.5:7b' is not pulled on " + up.baseUrl().replace("quorum:s3cret@", "***@")
                    + ": run `ollama pull qwen2.5:7b` there"), problems);
        }
    }

    @Test
    void should_stop_reading_a_model_list_that_outgrows_the_cap_and_say_so() {
        // Before the probe used BlockingHttpClient it read /api/tags whole into a String, however long it was.
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.tagsReply(OllamaReply.flooding());

            OllamaProbe.EndpointStatus status = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> probe.probe(OllamaEndpoint.of(ollama.baseUrl())));

            assertFalse(status.reachable());
            assertEquals("reply from " + ollama.baseUrl() + "/api/tags cut at the reply size cap of 4 MiB (4194304 bytes)"
                    + " and the connection closed", status.problem());
            long sent = ollama.endlessBytesSent();
            assertTrue(sent < 8 * BlockingHttpClient.MAX_REPLY_BYTES, () -> sent + " bytes sent");
        }
    }

    @Test
    void should_give_up_on_a_model_list_that_drips_forever_at_the_timeout() {
        // Each space comes well within the timeout: only a bound on the whole answer ends it. The JDK client's request
        // timeout bounded the wait for the headers only, and a start-up check waited for the body for ever.
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.tagsReply(OllamaReply.dripping(Duration.ofMillis(50)));
            OllamaProbe impatient = new OllamaProbe(Duration.ofMillis(800));

            long start = System.nanoTime();
            OllamaProbe.EndpointStatus status = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> impatient.probe(OllamaEndpoint.of(ollama.baseUrl())));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertFalse(status.reachable());
            assertEquals("no answer within 800 ms", status.problem());
            assertTrue(waited.compareTo(Duration.ofSeconds(5)) < 0, () -> "gave up after " + waited);
        }
    }

    @Test
    void should_say_which_request_an_endpoint_refused() {
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            ollama.tagsReply(OllamaReply.internalError());

            OllamaProbe.EndpointStatus status = probe.probe(OllamaEndpoint.of(ollama.baseUrl()));

            assertFalse(status.reachable());
            assertEquals("GET /api/tags answered HTTP 500", status.problem());
        }
    }
}
