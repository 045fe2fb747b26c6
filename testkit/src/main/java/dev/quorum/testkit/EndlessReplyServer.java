package dev.quorum.testkit;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process HTTP server on 127.0.0.1 that answers every request, whatever its method and path, with 200 and a
 * body that never ends ({@link #dripping}, {@link #flooding}): any HTTP dependency (a Chroma heartbeat, Chroma's
 * collection API) gone bad after sending its headers, for testing that a client bounds the whole answer, in time and
 * in size, and not only the wait for the headers.
 *
 * <pre>{@code
 * try (EndlessReplyServer chroma = EndlessReplyServer.flooding()) {
 *     ... HttpEndpointCheck.chroma(chroma.baseUrl()).check() ...
 * }
 * }</pre>
 */
public final class EndlessReplyServer implements AutoCloseable {

    private final LoopbackHttpServer server;
    private final EndlessBody body;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();

    private EndlessReplyServer(LoopbackHttpServer server, EndlessBody body) {
        this.server = server;
        this.body = body;
    }

    /** Every answer is a space every {@code interval}: a read timeout longer than the interval never fires on it. */
    public static EndlessReplyServer dripping(Duration interval) {
        return start(EndlessBody.dripping(interval));
    }

    /** Every answer comes as fast as the client reads, without end: only a cap on the bytes read stops it. */
    public static EndlessReplyServer flooding() {
        return start(EndlessBody.flooding());
    }

    private static EndlessReplyServer start(EndlessBody body) {
        // A thread per answer: each holds its thread until its client hangs up.
        LoopbackHttpServer http = LoopbackHttpServer.bind(0, 50, "endless-reply-server", "endless reply test server");
        EndlessReplyServer server = new EndlessReplyServer(http, body);
        http.handle("/", server::answer).start();
        return server;
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** Requests received so far. */
    public int requests() {
        return requests.get();
    }

    /** Bytes of the endless bodies handed to the sockets so far, all answers together. */
    public long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public void close() {
        server.close();
    }

    private void answer(HttpExchange exchange) {
        requests.incrementAndGet();
        try {
            exchange.getRequestBody().readAllBytes();
            body.send(exchange, "application/json", bytesSent);
        } catch (IOException e) {
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }
}
