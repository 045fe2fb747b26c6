package dev.quorum.agents.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.quorum.agents.json.Json;
import dev.quorum.agents.llm.http.BlockingHttpClient;
import dev.quorum.agents.llm.http.ReplyTooLargeException;
import dev.quorum.envelope.redis.RedisUrl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asks an Ollama endpoint whether it is up ({@code GET /api/version}) and which models it has pulled
 * ({@code GET /api/tags}): for a start-up check and a clear operator message, before any agent runs. Each request
 * goes through {@link BlockingHttpClient}, as the calls do: its whole answer within the timeout and at most
 * {@link BlockingHttpClient#MAX_REPLY_BYTES} of it, so an endpoint that drips or floods is reported, not waited on.
 */
public final class OllamaProbe {

    private static final ObjectMapper JSON = Json.MAPPER;

    /** The hint of a command whose {@code --endpoint} option replaces the configured endpoints. */
    public static final String ANOTHER_ENDPOINT_OPTION = "pass another --endpoint";

    private final BlockingHttpClient http;
    private final Duration timeout;

    /** @param timeout of each request, its whole answer */
    public OllamaProbe(Duration timeout) {
        this.timeout = timeout;
        this.http = BlockingHttpClient.builder().connectTimeout(timeout).readTimeout(timeout).build();
    }

    /**
     * What an endpoint answered.
     *
     * @param version the server version, empty when it could not be reached
     * @param models  the pulled models, by name (e.g. {@code qwen2.5:7b})
     * @param problem why it could not be reached; empty when it could
     */
    public record EndpointStatus(OllamaEndpoint endpoint, String version, Set<String> models, String problem) {

        public boolean reachable() {
            return problem.isEmpty();
        }
    }

    public EndpointStatus probe(OllamaEndpoint endpoint) {
        try {
            JsonNode version = get(endpoint, "/api/version");
            JsonNode tags = get(endpoint, "/api/tags");
            Set<String> models = new TreeSet<>();
            tags.path("models").forEach(model -> models.add(model.path("name").asText()));
            return new EndpointStatus(endpoint, version.path("version").asText(""), Set.copyOf(models), "");
        } catch (TimeoutException e) {
            return unreachable(endpoint, "no answer within " + timeout.toMillis() + " ms");
        } catch (ReplyTooLargeException e) {
            return unreachable(endpoint, e.getMessage());
        } catch (UncheckedIOException e) {
            // The client says a refused connection with a ConnectException of its own cause-less kind; anything
            // else (no connection in time, a broken answer) in its own words, which show the URL without user-info.
            return unreachable(endpoint, e.getCause() instanceof ConnectException refused && refused.getCause() == null
                    ? "connection refused" : e.getMessage());
        } catch (IOException e) {
            return unreachable(endpoint, e.getMessage());
        }
    }

    /**
     * One line per problem an operator should fix before the chain can work as configured: an endpoint that is
     * down, a chain model that is not pulled. Empty when everything is in place.
     */
    public static List<String> problems(List<ModelTarget> chain, List<EndpointStatus> statuses) {
        return problems(chain, statuses, ANOTHER_ENDPOINT_OPTION);
    }

    /** @param elsewhere how the operator points the command at another endpoint, e.g. {@link #ANOTHER_ENDPOINT_OPTION} */
    public static List<String> problems(List<ModelTarget> chain, List<EndpointStatus> statuses, String elsewhere) {
        List<String> problems = new ArrayList<>();
        for (EndpointStatus status : statuses) {
            if (!status.reachable()) {
                problems.add("Ollama at " + shown(status.endpoint()) + " is unreachable (" + status.problem()
                        + "): start it with `ollama serve` there, or " + elsewhere);
            }
        }
        for (ModelTarget target : chain) {
            Optional<EndpointStatus> status = statuses.stream()
                    .filter(s -> s.endpoint().baseUrl().equals(target.endpoint().baseUrl())).findFirst();
            if (status.isPresent() && status.get().reachable() && !pulled(status.get().models(), target.model())) {
                problems.add("model '" + target.model() + "' is not pulled on " + shown(target.endpoint())
                        + ": run `ollama pull " + target.model() + "` there");
            }
        }
        return List.copyOf(problems);
    }

    /**
     * Why the chain cannot answer at all: no endpoint is reachable, or no model of the chain is pulled on a reachable
     * one, with the {@linkplain #problems problems} after it; empty when some target is in place.
     */
    public static Optional<String> unusable(List<ModelTarget> chain, List<EndpointStatus> statuses, String elsewhere) {
        String problems = String.join("; ", problems(chain, statuses, elsewhere));
        if (statuses.stream().noneMatch(EndpointStatus::reachable)) {
            return Optional.of("no Ollama endpoint is reachable. " + problems);
        }
        if (chain.stream().noneMatch(target -> serves(statuses, target))) {
            return Optional.of("no model of the chain is pulled on a reachable endpoint. " + problems);
        }
        return Optional.empty();
    }

    /** Whether the probe found the target's endpoint up with the target's model pulled. */
    public static boolean serves(List<EndpointStatus> statuses, ModelTarget target) {
        return statuses.stream().anyMatch(s -> s.endpoint().baseUrl().equals(target.endpoint().baseUrl())
                && s.reachable() && pulled(s.models(), target.model()));
    }

    /** Ollama names an untagged model {@code name:latest}. */
    private static boolean pulled(Set<String> models, String model) {
        return models.contains(model) || !model.contains(":") && models.contains(model + ":latest");
    }

    private JsonNode get(OllamaEndpoint endpoint, String path) throws IOException {
        String body;
        try {
            body = http.execute(HttpRequest.builder().method(HttpMethod.GET).url(endpoint.baseUrl(), path).build()).body();
        } catch (HttpException e) {
            throw new IOException("GET " + path + " answered HTTP " + e.statusCode(), e);
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException("GET " + path + " answered no JSON", e);
        }
    }

    /**
     * The endpoint as its lines show it: without user-info, which the configured URLs refuse but a command's
     * {@code --endpoint} may carry, and these lines reach the terminal and the logs.
     */
    private static String shown(OllamaEndpoint endpoint) {
        return RedisUrl.redact(endpoint.baseUrl());
    }

    private static EndpointStatus unreachable(OllamaEndpoint endpoint, String problem) {
        return new EndpointStatus(endpoint, "", Set.of(), problem);
    }
}
