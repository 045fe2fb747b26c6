package dev.quorum.orchestrator.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A GET that must answer 200 within the timeout: Chroma's {@code /api/v2/heartbeat}. (An Ollama endpoint is
 * checked by {@link OllamaEndpointCheck}: whether it serves the chain's models, not only whether it answers.)
 */
public final class HttpEndpointCheck implements ReadinessCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final String name;
    private final URI uri;
    private final boolean required;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public HttpEndpointCheck(String name, URI uri, boolean required) {
        this.name = name;
        this.uri = uri;
        this.required = required;
    }

    /** Chroma (v2 API) answers {@code GET /api/v2/heartbeat}. Optional: recall degrades to empty without it. */
    public static HttpEndpointCheck chroma(String baseUrl) {
        return new HttpEndpointCheck("chroma", URI.create(strip(baseUrl) + "/api/v2/heartbeat"), false);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean required() {
        return required;
    }

    @Override
    public CheckResult check() {
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            boolean ok = response.statusCode() == 200;
            return new CheckResult(ok, "GET " + uri + " -> " + response.statusCode(), millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckResult(false, "GET " + uri + " interrupted", millisSince(start));
        } catch (Exception e) {
            return new CheckResult(false, "GET " + uri + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), millisSince(start));
        }
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
