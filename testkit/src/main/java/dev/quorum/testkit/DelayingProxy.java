package dev.quorum.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server that holds back every chunk the server sends by a settable
 * delay: a slow server (a saturated Chroma, a congested link) without touching the server. Requests pass at once;
 * answers wait. Lowering the delay releases what is held back at once, so a test can end a slow period and see the
 * client recover without waiting out the old delay.
 */
public final class DelayingProxy implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Object delayChanged = new Object();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger heldChunks = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean closed;

    private DelayingProxy(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
    }

    /** Starts a proxy to {@code upstreamHost:upstreamPort} on a free loopback port, with no delay yet. */
    public static DelayingProxy start(String upstreamHost, int upstreamPort) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            DelayingProxy proxy = new DelayingProxy(listener, new InetSocketAddress(upstreamHost, upstreamPort));
            daemon("delaying-proxy-accept-" + listener.getLocalPort(), proxy::acceptLoop).start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the delaying proxy", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://" + listener.getInetAddress().getHostAddress() + ":" + port();
    }

    /** Holds back each chunk from the server for {@code delay} after it arrived; zero passes everything at once. */
    public void delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0, was " + delay);
        }
        synchronized (delayChanged) {
            this.delay = delay;
            delayChanged.notifyAll();
        }
    }

    /** Client connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Chunks from the server waiting out the delay right now. */
    public int heldChunks() {
        return heldChunks.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.incrementAndGet();
            Socket server = new Socket();
            sockets.add(client);
            sockets.add(server);
            try {
                server.connect(upstream, 5_000);
            } catch (IOException e) {
                closeQuietly(client, server);
                continue;
            }
            daemon("delaying-proxy-request", () -> pump(client, server, false)).start();
            daemon("delaying-proxy-answer", () -> pump(server, client, true)).start();
        }
    }

    private void pump(Socket from, Socket to, boolean delayed) {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (delayed) {
                    holdBack(System.nanoTime());
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side went away (or the proxy closed): the other side sees the connection end
        } finally {
            closeQuietly(from, to);
        }
    }

    /** Waits until {@code arrivedNanos + delay}, re-reading the delay whenever it changes. */
    private void holdBack(long arrivedNanos) throws InterruptedException {
        heldChunks.incrementAndGet();
        try {
            synchronized (delayChanged) {
                while (!closed) {
                    long left = arrivedNanos + delay.toNanos() - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    TimeUnit.NANOSECONDS.timedWait(delayChanged, left);
                }
            }
        } finally {
            heldChunks.decrementAndGet();
        }
    }

    private static void closeQuietly(Socket... toClose) {
        for (Socket socket : toClose) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (delayChanged) {
            delayChanged.notifyAll();
        }
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(DelayingProxy::closeQuietly);
    }
}
