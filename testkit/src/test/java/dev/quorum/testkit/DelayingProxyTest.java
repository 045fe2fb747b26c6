package dev.quorum.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proxy in front of a real loopback echo server: answers pass at once, or wait until the delay is lifted. */
class DelayingProxyTest {

    private ServerSocket echo;
    private final CountDownLatch echoed = new CountDownLatch(1);
    private DelayingProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            try (Socket s = echo.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                byte[] buffer = new byte[64];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                    echoed.countDown();
                }
            } catch (IOException closed) {
                // test over
            }
        });
        server.setDaemon(true);
        server.start();
        proxy = DelayingProxy.start("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }

    @Test
    void should_pass_bytes_both_ways_without_a_delay() throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("ping", readLine(client.getInputStream()));
        }
        assertEquals(1, proxy.connections());
        assertTrue(proxy.baseUrl().startsWith("http://127.0.0.1:"), proxy.baseUrl());
    }

    @Test
    void should_hold_an_answer_back_until_the_delay_is_lifted() throws Exception {
        proxy.delay(Duration.ofHours(1));
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.getOutputStream().write("slow\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(echoed.await(10, TimeUnit.SECONDS), "the request reaches the server at once");
            awaitHeldChunk();
            assertEquals(0, client.getInputStream().available(), "the answer is held back");

            proxy.delay(Duration.ZERO);
            assertEquals("slow", readLine(client.getInputStream()));
        }
    }

    /** The proxy's reader thread picks the echoed chunk up on its own; no event reaches the test, so a bounded poll. */
    private void awaitHeldChunk() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (proxy.heldChunks() == 0) {
            assertTrue(System.nanoTime() < deadline, "the answer never reached the proxy");
            Thread.sleep(5);
        }
    }
}
