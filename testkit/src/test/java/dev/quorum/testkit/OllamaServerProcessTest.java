package dev.quorum.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The benchmarks' Ollama stand-in in a JVM of its own: its fixed script, once its port is open. */
class OllamaServerProcessTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void should_answer_by_the_system_prompt_from_its_own_process() throws Exception {
        try (OllamaServerProcess ollama = new OllamaServerProcess("qwen2.5:7b", Duration.ZERO, "portfolio manager",
                "{\"verdict\": \"BUY\"}", "{\"signal\": \"BULLISH\"}")) {
            ollama.start();
            HttpClient http = HttpClient.newHttpClient();

            String synthesis = content(http, ollama.baseUrl(), "qwen2.5:7b", "You are the portfolio manager.");
            String agent = content(http, ollama.baseUrl(), "qwen2.5:7b", "You are a technical analyst.");
            HttpResponse<String> otherModel = chat(http, ollama.baseUrl(), "llama3.1:8b", "You are a technical analyst.");

            assertEquals("{\"verdict\": \"BUY\"}", synthesis);
            assertEquals("{\"signal\": \"BULLISH\"}", agent);
            assertEquals(404, otherModel.statusCode(), "only the scripted model is pulled");
            assertFalse(ProcessHandle.current().children().findAny().isEmpty(), "served by a child process");
        }
    }

    static String content(HttpClient http, String baseUrl, String model, String system) throws Exception {
        HttpResponse<String> response = chat(http, baseUrl, model, system);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).at("/message/content").asText();
    }

    static HttpResponse<String> chat(HttpClient http, String baseUrl, String model, String system) throws Exception {
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("model", model).put("stream", false)
                .set("messages", JSON.createArrayNode()
                        .add(JSON.createObjectNode().put("role", "system").put("content", system))
                        .add(JSON.createObjectNode().put("role", "user").put("content", "NVDA"))));
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
