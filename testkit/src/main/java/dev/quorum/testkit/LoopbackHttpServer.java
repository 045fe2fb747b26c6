package dev.quorum.testkit;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The part this package's protocol test servers share: a JDK HTTP server on the loopback interface, each exchange on a
 * daemon thread of its own (unbounded on purpose: a held or endless reply holds only its thread, and the server is
 * never what limits a client's concurrency), and its close.
 */
final class LoopbackHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Bound to 127.0.0.1, not yet started: the caller adds its handlers, then {@link #start}s it.
     *
     * @param port       0: a free one
     * @param threadName the name of the threads answering
     * @param what       the server, for the error when it cannot bind, e.g. "Ollama test server"
     */
    static LoopbackHttpServer bind(int port, int backlog, String threadName, String what) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true);
                return thread;
            });
            http.setExecutor(executor);
            return new LoopbackHttpServer(http, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + what + " on 127.0.0.1", e);
        }
    }

    LoopbackHttpServer handle(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    void start() {
        server.start();
    }

    /** {@code http://127.0.0.1:PORT} */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stops accepting, interrupts the answers in progress and waits up to 5 s for their threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
