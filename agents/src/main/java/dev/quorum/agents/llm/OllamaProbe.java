package dev.quorum.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.agents.json.Json;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asks an Ollama endpoint whether it is up ({@code GET /api/version}) and which models it has pulled
 * ({@code GET /api/tags}): for a start-up check and a clear operator message, before any agent runs.
 */
public final class OllamaProbe {

    private static final ObjectMapper JSON = Json.MAPPER;

    /** The hint of a command whose {@code --endpoint} option replaces the configured endpoints. */
    public static final String ANOTHER_ENDPOINT_OPTION = "pass another --endpoint";

    private final HttpClient http;
    private final Duration timeout;

    public OllamaProbe(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
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
        } catch (ConnectException e) {
            return unreachable(endpoint, "connection refused");
        } catch (HttpTimeoutException e) {
            return unreachable(endpoint, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return unreachable(endpoint, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(endpoint, "interrupted");
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
                problems.add("Ollama at " + status.endpoint().baseUrl() + " is unreachable (" + status.problem()
                        + "): start it with `ollama serve` there, or " + elsewhere);
            }
        }
        for (ModelTarget target : chain) {
            Optional<EndpointStatus> status = statuses.stream()
                    .filter(s -> s.endpoint().baseUrl().equals(target.endpoint().baseUrl())).findFirst();
            if (status.isPresent() && status.get().reachable() && !pulled(status.get().models(), target.model())) {
                problems.add("model '" + target.model() + "' is not pulled on " + target.endpoint().baseUrl()
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

    private JsonNode get(OllamaEndpoint endpoint, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path)).timeout(timeout).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static EndpointStatus unreachable(OllamaEndpoint endpoint, String problem) {
        return new EndpointStatus(endpoint, "", Set.of(), problem);
    }
}
