package dev.quorum.agents.llm.http;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.quorum.envelope.redis.RedisUrl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP client Quorum gives langchain4j's Ollama models: each request is made on the caller's thread over
 * {@link HttpURLConnection} (blocking I/O, the JDK's keep-alive cache). langchain4j's default, the JDK's asynchronous
 * {@code java.net.http.HttpClient}, hands every exchange from the caller to its selector thread and a worker thread
 * and back: on a two-core host that cost 2 to 3 ms more per call than this client with four calls at once, on the
 * cycle's critical path (the cycle benchmark, bench/run.sh). Ollama's API needs nothing more: a JSON POST and its
 * whole JSON answer.
 *
 * <p>What it throws is what langchain4j's own client throws, so its exception mapping and Quorum's failure kinds
 * read the same: a status outside 2xx is an {@link HttpException} with the server's body; a read timeout is a
 * {@link TimeoutException}; a refused or timed-out connection is a {@link ConnectException} (wrapped unchecked).
 * The read timeout bounds the whole answer, not only each wait for the server: a reply that drips forever (a byte
 * now and then, each in time) ends at the timeout too, or at the nearer {@link CallDeadline} of the call (the decision's
 * deadline); the connection is then closed, so that the server stops generating for nobody. A reply longer than
 * {@link #MAX_REPLY_BYTES} is cut there and the connection closed too ({@link ReplyTooLargeException}). Streaming
 * (server-sent events) is not supported: Quorum asks for whole answers.
 *
 * <p>When the connection breaks before an answer (a kept connection the server had closed, a server restarting), the
 * JDK sends the request once more on a new connection ({@code sun.net.http.retryPost}, on by default); a timeout is
 * never sent again. An Ollama chat changes nothing on the server, so that costs GPU time at most; the decision's
 * budget counts it as the one call it asked for.
 */
public final class BlockingHttpClient implements HttpClient {

    /**
     * The most bytes read of one reply (answer or error body). Quorum's structured answers are a few KiB (the
     * signal and synthesis schemas bound every field), and even an answer that filled a 128k-token context would be
     * well under 1 MiB of JSON: the cap only ever cuts a misbehaving endpoint, so it is not a setting. It bounds what
     * the calls in flight can hold in the heap: the endpoints' {@code parallel} summed, times this (twice, while the
     * buffer grows).
     */
    public static final int MAX_REPLY_BYTES = 4 * 1024 * 1024;

    private final Duration connectTimeout;
    private final Duration readTimeout;

    private BlockingHttpClient(Builder builder) {
        this.connectTimeout = Objects.requireNonNull(builder.connectTimeout, "connectTimeout");
        this.readTimeout = Objects.requireNonNull(builder.readTimeout, "readTimeout");
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new IllegalArgumentException("form data is not supported by " + getClass().getSimpleName());
        }
        byte[] body = request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8);
        Duration limit = CallDeadline.remaining().filter(left -> left.compareTo(readTimeout) < 0).orElse(readTimeout);
        if (limit.isZero()) {
            throw new TimeoutException("no time left to ask " + shown(request));
        }
        long deadline = System.nanoTime() + limit.toNanos();
        HttpURLConnection connection = open(request, body, limit);
        try {
            if (body != null) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            // The request (a buffered body goes with it) is written when its answer is first asked for, at once:
            // what is left is waiting for the server.
            RequestSent.sending();
            int status = connection.getResponseCode();
            byte[] answer = readAll(status < 400 ? connection.getInputStream() : connection.getErrorStream(), deadline,
                    request.url());
            if (status < 200 || status >= 300) {
                throw new HttpException(status, new String(answer, StandardCharsets.UTF_8));
            }
            return SuccessfulHttpResponse.builder().statusCode(status).headers(headers(connection)).body(answer).build();
        } catch (ReplyTooLargeException e) {
            // Hung up, not drained: the rest of the body is what must not be read.
            connection.disconnect();
            throw e;
        } catch (SocketTimeoutException e) {
            connection.disconnect();
            throw new TimeoutException("no answer from " + shown(request) + " within " + limit.toMillis() + " ms", e);
        } catch (IOException e) {
            connection.disconnect();
            throw new UncheckedIOException(request.method() + " " + shown(request) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("streaming is not supported by " + getClass().getSimpleName()
                + ": Quorum asks Ollama for whole answers");
    }

    /** The connection set up for the body and opened, so that a failure to connect is told apart from a slow answer. */
    private HttpURLConnection open(HttpRequest request, byte[] body, Duration limit) {
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) URI.create(request.url()).toURL().openConnection();
            connection.setRequestMethod(request.method().name());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an HTTP request this client can make: " + request.method() + " "
                    + shown(request) + " (" + e.getMessage() + ")", e);
        }
        Duration connectLimit = connectTimeout.compareTo(limit) < 0 ? connectTimeout : limit;
        connection.setConnectTimeout(Math.toIntExact(Math.max(1, connectLimit.toMillis())));
        connection.setReadTimeout(Math.toIntExact(Math.max(1, limit.toMillis())));
        connection.setUseCaches(false);
        request.headers().forEach((name, values) -> values.forEach(value -> connection.addRequestProperty(name, value)));
        if (body != null) {
            // Buffered, not fixed-length streaming: before every streamed POST on a kept connection the JDK first
            // reads it with a 1 ms timeout to see that it is still open, which cost more than a millisecond a call.
            connection.setDoOutput(true);
        }
        try {
            connection.connect();
        } catch (SocketTimeoutException e) {
            throw unreachable(request, "no connection within " + connectLimit.toMillis() + " ms", e);
        } catch (IOException e) {
            throw unreachable(request, e.getMessage(), e);
        }
        return connection;
    }

    private static RuntimeException unreachable(HttpRequest request, String why, IOException cause) {
        ConnectException refused = cause instanceof ConnectException connect ? connect
                : (ConnectException) new ConnectException(shown(request) + ": " + why).initCause(cause);
        return new UncheckedIOException(shown(request) + " unreachable: " + why, refused);
    }

    /**
     * The request's URL as its errors show it: without user-info, which Quorum's configuration refuses but a URL
     * given another way (a command's option, a test) may carry, and errors end up in logs and fallback paths.
     */
    private static String shown(HttpRequest request) {
        return RedisUrl.redact(request.url());
    }

    /**
     * Reads the answer to its end, which hands the connection back to the keep-alive cache; past the deadline it
     * gives up as a read timeout would, past {@link #MAX_REPLY_BYTES} with a {@link ReplyTooLargeException} (the
     * caller closes the connection). Each wait for more is bounded by the read timeout, so a server that goes silent
     * is caught by that, one that keeps sending slowly by the deadline, and one that floods by the cap.
     */
    private static byte[] readAll(InputStream in, long deadlineNanos, String url) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (answer.size() + read > MAX_REPLY_BYTES) {
                    throw new ReplyTooLargeException(url, MAX_REPLY_BYTES);
                }
                answer.write(buffer, 0, read);
                if (System.nanoTime() - deadlineNanos > 0) {
                    throw new SocketTimeoutException("the answer was still coming at the deadline");
                }
            }
            return answer.toByteArray();
        }
    }

    private static Map<String, List<String>> headers(HttpURLConnection connection) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        // The status line is listed under the null key.
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                headers.put(name, values);
            }
        });
        return headers;
    }

    /** Timeouts as langchain4j's model builders set them; both are required. */
    public static final class Builder implements HttpClientBuilder {

        private Duration connectTimeout;
        private Duration readTimeout;

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public BlockingHttpClient build() {
            return new BlockingHttpClient(this);
        }
    }
}
