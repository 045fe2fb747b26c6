package dev.quorum.orchestrator.health;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.quorum.agents.llm.http.BlockingHttpClient;
import dev.quorum.envelope.redis.RedisUrl;

import java.net.URI;
import java.time.Duration;

/**
 * A GET that must answer 200 within the timeout: Chroma's {@code /api/v2/heartbeat}. (An Ollama endpoint is
 * checked by {@link OllamaEndpointCheck}: whether it serves the chain's models, not only whether it answers.)
 * The GET goes through {@link BlockingHttpClient}, as the Ollama probe's do: the whole answer within the timeout and
 * at most {@link BlockingHttpClient#MAX_REPLY_BYTES} of it. The JDK's HttpClient bounded only the wait for the
 * headers, so a server that sent them and then dripped or flooded its body held {@code /health} without end.
 */
public final class HttpEndpointCheck implements ReadinessCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final String name;
    private final String url;
    private final boolean required;
    private final BlockingHttpClient client = BlockingHttpClient.builder().connectTimeout(TIMEOUT).readTimeout(TIMEOUT).build();

    public HttpEndpointCheck(String name, URI uri, boolean required) {
        this.name = name;
        this.url = uri.toString();
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
        // The detail ends up in /health's answer and the logs: the URL without user-info, as the client's errors show it.
        String shown = "GET " + RedisUrl.redact(url);
        try {
            int status = client.execute(HttpRequest.builder().method(HttpMethod.GET).url(url).build()).statusCode();
            return new CheckResult(status == 200, shown + " -> " + status, millisSince(start));
        } catch (HttpException e) {
            return new CheckResult(false, shown + " -> " + e.statusCode(), millisSince(start));
        } catch (RuntimeException e) {
            // The client's timeout, size-cap, unreachable and I/O errors say what happened in one line.
            return new CheckResult(false, shown + " failed: " + e.getMessage(), millisSince(start));
        }
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
