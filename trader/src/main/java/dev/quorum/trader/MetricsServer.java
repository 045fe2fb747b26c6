package dev.quorum.trader;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code GET /metrics} in the Prometheus text format on 127.0.0.1, while {@code trade} runs. */
public final class MetricsServer implements AutoCloseable {

    private final HttpServer server;

    public MetricsServer(int port, Supplier<TraderStatus> status) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new dev.quorum.trader.config.TraderConfigException("metrics_port: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
        }
        server.createContext("/metrics", exchange -> {
            byte[] body;
            int code;
            if (!"GET".equals(exchange.getRequestMethod())) {
                code = 405;
                body = "only GET\n".getBytes(StandardCharsets.UTF_8);
            } else {
                code = 200;
                body = status.get().prometheus().getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
