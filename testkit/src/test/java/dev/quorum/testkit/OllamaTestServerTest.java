package dev.quorum.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.testkit.OllamaTestServer.OllamaReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire shapes of the Ollama protocol test server, as Ollama's API documents them. */
class OllamaTestServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CHAT = """
            {"model": "%s", "messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "u"}],
             "options": {"temperature": 0.1, "seed": 42}, "format": {"type": "object"}, "stream": false}""";

    final HttpClient http = HttpClient.newHttpClient();
    final OllamaTestServer ollama = OllamaTestServer.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ollama.baseUrl() + path));
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_answer_a_non_streaming_chat_like_ollama_and_record_it() throws Exception {
        ollama.model("qwen2.5:7b").thenAlways(OllamaReply.content(request -> "{\"echo\": \"" + request.content("user") + "\"}"));

        HttpResponse<String> response = send("POST", "/api/chat", CHAT.formatted("qwen2.5:7b"));

        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("qwen2.5:7b", body.get("model").asText());
        assertTrue(body.get("created_at").asText().endsWith("Z"));
        assertEquals("assistant", body.at("/message/role").asText());
        assertEquals("{\"echo\": \"u\"}", body.at("/message/content").asText());
        assertTrue(body.get("done").asBoolean());
        assertEquals("stop", body.get("done_reason").asText());
        assertTrue(body.get("total_duration").asLong() > 0);
        assertTrue(body.get("prompt_eval_count").asInt() > 0 && body.get("eval_count").asInt() > 0);
        OllamaTestServer.RecordedChat chat = ollama.chats("qwen2.5:7b").get(0);
        assertEquals("s", chat.content("system"));
        assertEquals("object", chat.format().get("type").asText());
        assertEquals(42, chat.options().get("seed").asInt());
        assertFalse(chat.stream());
    }

    @Test
    void should_send_errors_exactly_as_ollama_does() throws Exception {
        ollama.model("llama3.1:8b").then(OllamaReply.busy()).then(OllamaReply.badRequest("invalid format")).thenAlways(OllamaReply.internalError());

        HttpResponse<String> notPulled = send("POST", "/api/chat", CHAT.formatted("gemma3:4b"));
        HttpResponse<String> busy = send("POST", "/api/chat", CHAT.formatted("llama3.1:8b"));
        HttpResponse<String> bad = send("POST", "/api/chat", CHAT.formatted("llama3.1:8b"));
        HttpResponse<String> crashed = send("POST", "/api/chat", CHAT.formatted("llama3.1:8b"));

        assertEquals(404, notPulled.statusCode());
        assertEquals("{\"error\":\"model 'gemma3:4b' not found\"}", notPulled.body());
        assertEquals(503, busy.statusCode());
        assertEquals("{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}", busy.body());
        assertEquals(400, bad.statusCode());
        assertEquals("{\"error\":\"invalid format\"}", bad.body());
        assertEquals(500, crashed.statusCode());
        assertEquals(4, ollama.chats().size());
    }

    @Test
    void should_list_show_and_version_the_scripted_models() throws Exception {
        ollama.model("qwen2.5:7b");

        JsonNode tags = JSON.readTree(send("GET", "/api/tags", null).body());
        HttpResponse<String> show = send("POST", "/api/show", "{\"model\": \"qwen2.5:7b\"}");
        HttpResponse<String> showMissing = send("POST", "/api/show", "{\"model\": \"gemma3:4b\"}");
        JsonNode version = JSON.readTree(send("GET", "/api/version", null).body());

        assertEquals("qwen2.5:7b", tags.at("/models/0/name").asText());
        assertEquals("gguf", tags.at("/models/0/details/format").asText());
        assertEquals(200, show.statusCode());
        assertEquals("completion", JSON.readTree(show.body()).at("/capabilities/0").asText());
        assertEquals(404, showMissing.statusCode());
        assertEquals(OllamaTestServer.VERSION, version.get("version").asText());
    }

    @Test
    void should_give_a_port_where_nothing_listens() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(OllamaTestServer.closedPortUrl() + "/api/version")).build();

        assertThrows(ConnectException.class, () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void should_answer_no_sooner_than_the_hosts_latency_plus_the_replys() throws Exception {
        ollama.latency(Duration.ofMillis(200)).model("qwen2.5:7b").thenAlways(OllamaReply.content("{}").after(Duration.ofMillis(300)));

        long start = System.nanoTime();
        HttpResponse<String> response = send("POST", "/api/chat", CHAT.formatted("qwen2.5:7b"));
        Duration answeredAfter = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(200, response.statusCode());
        assertTrue(answeredAfter.compareTo(Duration.ofMillis(500)) >= 0, () -> "answered after " + answeredAfter);
    }

    @Test
    void should_embed_each_input_as_a_fixed_vector_by_the_models_script() throws Exception {
        ollama.model("nomic-embed-text").thenAlways(OllamaReply.content("unused"));

        HttpResponse<String> first = send("POST", "/api/embed", "{\"model\": \"nomic-embed-text\", \"input\": [\"a\", \"b\"]}");
        HttpResponse<String> again = send("POST", "/api/embed", "{\"model\": \"nomic-embed-text\", \"input\": [\"a\"]}");
        HttpResponse<String> notPulled = send("POST", "/api/embed", "{\"model\": \"mxbai-embed-large\", \"input\": [\"a\"]}");

        assertEquals(200, first.statusCode());
        JsonNode embeddings = JSON.readTree(first.body()).get("embeddings");
        assertEquals(2, embeddings.size());
        assertEquals(OllamaTestServer.EMBEDDING_DIMENSIONS, embeddings.get(0).size());
        assertEquals(embeddings.get(0), JSON.readTree(again.body()).get("embeddings").get(0), "the same text, the same vector");
        assertFalse(embeddings.get(0).equals(embeddings.get(1)));
        assertEquals(404, notPulled.statusCode());
        assertEquals("{\"error\":\"model 'mxbai-embed-large' not found\"}", notPulled.body());
        assertEquals(3, ollama.embedCount());
    }

    @Test
    void should_answer_the_model_list_with_the_reply_it_is_given_instead() throws Exception {
        ollama.model("qwen2.5:7b").thenAlways(OllamaReply.content("{}"));
        ollama.tagsReply(OllamaReply.internalError());

        HttpResponse<String> tags = send("GET", "/api/tags", null);

        assertEquals(500, tags.statusCode());
        assertEquals("{\"error\":\"llama runner process has terminated: exit status 2\"}", tags.body());
    }
}
