package dev.quorum.testkit;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A 200 body that never ends: {@code chunkBytes} spaces (valid JSON whitespace), then a pause (none: as fast as the
 * client reads), again, until writing fails because the client hung up. Dripped (a byte, a pause), it is a runaway
 * answer to a client whose read timeout is longer than the pause; flooded (no pause), it is what a hostile or broken
 * server can send to exhaust a client's heap. Shared by the test servers that can answer so.
 */
record EndlessBody(int chunkBytes, Duration pause) {

    /** A space every {@code interval}: a read timeout longer than the interval never fires on it. */
    static EndlessBody dripping(Duration interval) {
        return new EndlessBody(1, interval);
    }

    /** 64 KiB of spaces at a time, as fast as the client reads: only a cap on the bytes read ends it. */
    static EndlessBody flooding() {
        return new EndlessBody(64 * 1024, Duration.ZERO);
    }

    /** Sends the headers and then the body until the client hangs up, counting the bytes written in {@code sent}. */
    void send(HttpExchange exchange, String contentType, AtomicLong sent) throws InterruptedException {
        byte[] chunk = " ".repeat(chunkBytes).getBytes(StandardCharsets.US_ASCII);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            while (true) {
                out.write(chunk);
                out.flush();
                sent.addAndGet(chunk.length);
                if (!pause.isZero()) {
                    // The drip's pace is what is simulated here, not synchronisation.
                    awaitNanoTime(System.nanoTime() + pause.toNanos());
                }
            }
        } catch (IOException e) {
            // The client hung up: the body is over.
        }
    }

    /** Parks until System.nanoTime() reaches the deadline: Thread.sleep rounds to whole milliseconds. */
    static void awaitNanoTime(long deadline) throws InterruptedException {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
