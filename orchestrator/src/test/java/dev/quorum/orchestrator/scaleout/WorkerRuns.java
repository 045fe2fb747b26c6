package dev.quorum.orchestrator.scaleout;

import dev.quorum.envelope.json.EnvelopeJson;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the in-JVM scale-out tests do with workers: run them until the queue is drained, then read the stream. */
final class WorkerRuns {

    private WorkerRuns() {
    }

    /** Runs each worker on its own thread until every job is acknowledged, then stops them and waits for them. */
    static void untilAcknowledged(JobQueue queue, JobWorker... workers) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (JobWorker worker : workers) {
            Thread thread = new Thread(worker);
            thread.start();
            threads.add(thread);
        }
        await("every job acknowledged", () -> {
            JobQueue.Backlog backlog = queue.backlog();
            return backlog.pending() == 0 && backlog.undelivered() == 0;
        });
        for (JobWorker worker : workers) {
            worker.stop();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** The targets ({@code "NVDA 2026-05-11"}) published on {@code stream}; fails on the first one published twice. */
    static Set<String> publishedOnce(UnifiedJedis redis, String stream) {
        Set<String> decided = new HashSet<>();
        for (StreamEntry entry : redis.xrange(stream, "-", "+")) {
            var envelope = EnvelopeJson.decode(entry.getFields().get("data")).orElseThrow();
            assertTrue(decided.add(envelope.decision().target().ticker() + " " + envelope.decision().target().tradeDate()),
                    "published twice: " + envelope.decision().target());
        }
        return decided;
    }

    /** Jobs and envelopes cross threads through Redis: no event to wait on, so a bounded poll. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 120 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
