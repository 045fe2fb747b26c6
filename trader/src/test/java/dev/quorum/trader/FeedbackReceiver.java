package dev.quorum.trader;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Quorum's {@code POST /api/feedback} as the trader sees it: 200 with the outcome, or the scripted statuses first
 * (503 while Quorum restarts, 409 for an outcome already recorded, 401 for a wrong token); records every body and
 * its {@code Authorization} header. The real endpoint is exercised by the orchestrator's closed-loop test.
 */
public final class FeedbackReceiver implements AutoCloseable {

    /** One delivery attempt. */
    public record Delivery(String authorization, String body) {
    }

    private final HttpServer server;
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    public FeedbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/api/feedback", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Authorization"), body));
            synchronized (deliveries) {
                deliveries.notifyAll();
            }
            Integer status;
            synchronized (script) {
                status = script.poll();
            }
            int code = status == null ? 200 : status;
            byte[] reply = (code == 200 ? "{\"success\":true}" : "{\"error\":\"scripted\",\"message\":\"status " + code + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    /** The next deliveries get these statuses, in order; then 200. */
    public FeedbackReceiver answer(int... statuses) {
        synchronized (script) {
            for (int s : statuses) {
                script.add(s);
            }
        }
        return this;
    }

    /** Waits until {@code count} deliveries have arrived (a running trader's signal that a position closed). */
    public void awaitDeliveries(int count, java.time.Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (deliveries) {
            while (deliveries.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + deliveries.size() + " of " + count + " feedback deliveries within " + limit);
                }
                deliveries.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
