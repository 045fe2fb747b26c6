package dev.quorum.orchestrator.publish;

import dev.quorum.agents.concurrent.DaemonThreads;
import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.OutboxEntry;
import dev.quorum.memory.store.QuorumDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Drains the outbox to a sink in insertion order, up to 250 envelopes per round trip where the sink batches
 * ({@link BatchSink}: Redis), marking each batch published in one SQLite transaction. The drain is pipelined: a
 * batch is marked on a second thread, and the next one read and readied (its decision-hash fields parsed) on a third,
 * while it is published, so that work overlaps the Redis round trip; the next batch is read after the last one
 * published, which is still pending until its mark commits. The database is held open for the drain, so its many
 * small transactions do not each checkpoint the WAL.
 * When the sink fails (Redis down) the entry is counted as a failed attempt and stays first in line; draining stops
 * there so order is kept, and resumes on the next wake-up or retry tick. When a mark fails, the batch after it may
 * already be published: both stay pending and go out again in order (at least once). Runs on its own thread once
 * {@link #start()}ed; {@link #drain()} can also be called directly.
 */
public final class OutboxPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    /**
     * Envelopes per MULTI/EXEC and per mark: batches of 250 drained 1.4 to 1.7 times as fast as batches of 100 (one
     * run alternating them, 2-core machine) and 500 only 1 to 2 % faster than 250, while Redis holds its other clients
     * for a whole transaction (250 XADD + HSET: a few ms).
     */
    public static final int BATCH = 250;

    private final Outbox outbox;
    private final EnvelopeSink sink;
    private final Duration retryEvery;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final Object drainLock = new Object();
    // Marks published batches while the drain goes on; at most one thread, so marks commit in publishing order. It
    // ends when idle, so nothing needs shutting down: a drain after close() (serve's flush at SIGTERM) still marks.
    private final ExecutorService marker = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            DaemonThreads.named("outbox-marker"));
    // Reads the next batch, and has the sink ready it, while the current one is out (the drain's thread would otherwise
    // wait on Redis, then on SQLite, then parse); at most one thread, idle-ended like the marker.
    private final ExecutorService reader = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            DaemonThreads.named("outbox-reader"));
    private boolean woken;
    private volatile boolean closed;
    private Thread worker;
    private volatile boolean sinkDown;

    /** @param retryEvery how often a failed publish is retried when nothing wakes the publisher earlier */
    public OutboxPublisher(Outbox outbox, EnvelopeSink sink, Duration retryEvery) {
        this.outbox = outbox;
        this.sink = sink;
        this.retryEvery = retryEvery;
    }

    public EnvelopeSink sink() {
        return sink;
    }

    /** Starts the background drainer. */
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        worker = DaemonThreads.named("outbox-publisher").newThread(this::loop);
        worker.start();
    }

    /** Asks the background drainer to run now (a decision was just committed). */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Publishes pending entries in order until none is left or the sink fails.
     *
     * @return how many were published by this call
     * @throws RuntimeException when marking entries published failed (they are published again: at least once)
     */
    public int drain() {
        synchronized (drainLock) {
            // Open for the whole drain, the last mark included: see QuorumDatabase.holdOpen.
            try (QuorumDatabase.Held held = outbox.holdOpen()) {
                Marks marks = new Marks();
                try {
                    return drain(marks);
                } finally {
                    marks.await();
                }
            }
        }
    }

    private int drain(Marks marks) {
        int published = 0;
        List<OutboxEntry> pending = outbox.pending(BATCH);
        while (!pending.isEmpty()) {
            if (sink instanceof BatchSink batchSink) {
                // Batch after batch. The one after does not depend on how this one goes (rows after its last id), so
                // it is read and readied while this one is out; when this one fails it is not used, and the fallback
                // reads afresh.
                Readied current = readied(batchSink, pending);
                while (!current.entries().isEmpty()) {
                    long last = current.entries().get(current.entries().size() - 1).id();
                    Future<Readied> next = reader.submit(() -> readied(batchSink, outbox.pendingAfter(last, BATCH)));
                    List<String> where = publishedAsBatch(current.batch());
                    if (where == null) {
                        read(next); // not used: finished first, so no read of this drain outlives it
                        break;
                    }
                    marks.submit(markAll(current.entries(), where));
                    published += current.entries().size();
                    current = read(next);
                }
                pending = current.entries();
                if (pending.isEmpty()) {
                    return published;
                }
            }
            marks.await();
            // One at a time: the sink does not batch, or the batch failed. Entry by entry, the envelopes before a
            // failing one are marked, and only the failing one waits (and is retried) in its place.
            for (OutboxEntry entry : pending) {
                String at;
                try {
                    at = sink.publish(entry.correlationId(), entry.envelopeJson());
                } catch (RuntimeException e) {
                    failed(entry, e);
                    return published;
                }
                // A crash right here publishes this entry again on restart: at least once, same correlation id.
                outbox.markPublished(entry.id(), at);
                published++;
                reachable();
            }
            pending = outbox.pending(BATCH);
        }
        return published;
    }

    /** Entries read from the outbox and readied by the sink. */
    private record Readied(List<OutboxEntry> entries, BatchSink.Batch batch) {
    }

    /**
     * The entries readied; an entry the sink cannot ready fails the batch when it is published (so the fallback, one
     * at a time, publishes the entries before it and records the failure against that one).
     */
    private static Readied readied(BatchSink batchSink, List<OutboxEntry> entries) {
        BatchSink.Batch batch;
        try {
            batch = batchSink.prepare(entries);
        } catch (RuntimeException e) {
            batch = () -> {
                throw e;
            };
        }
        return new Readied(entries, batch);
    }

    /** The batch a reader read and readied; its failure is thrown here, on the draining thread. */
    private static Readied read(Future<Readied> batch) {
        return waitedFor(batch, "reading outbox entries");
    }

    /** The result of work done on the reader or marker thread; its failure is thrown here, on the draining thread. */
    private static <T> T waitedFor(Future<T> work, String what) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }

    /** The marks of one drain, made on the marker thread one batch at a time, in publishing order. */
    private final class Marks {

        private Future<?> last = CompletableFuture.completedFuture(null);

        /** Waits for the previous batch's mark (its failure is thrown here), then starts this one's. */
        void submit(Runnable mark) {
            await();
            last = marker.submit(mark);
        }

        /** Waits for the last mark; its failure is thrown here, on the draining thread. */
        void await() {
            waitedFor(last, "marking outbox entries published");
        }
    }

    /**
     * Publishes a batch in one round trip.
     *
     * @return where each entry went, or null when the sink failed: nothing is marked, and the caller retries the batch
     *         entry by entry
     */
    private List<String> publishedAsBatch(BatchSink.Batch batch) {
        try {
            List<String> where = batch.publish();
            reachable();
            return where;
        } catch (RuntimeException e) {
            log.debug("batch publish to {} failed; retrying one at a time: {}", sink.describe(), e.getMessage());
            return null;
        }
    }

    /** Marks a published batch in one transaction. */
    private Runnable markAll(List<OutboxEntry> published, List<String> where) {
        Map<Long, String> streamIdByEntry = new LinkedHashMap<>();
        for (int i = 0; i < published.size(); i++) {
            streamIdByEntry.put(published.get(i).id(), where.get(i));
        }
        // A crash (or, marks not waiting for the disk, a power cut) before this commits publishes this batch and the
        // ones after it again: at least once, same correlation ids, same order.
        return () -> outbox.markPublished(streamIdByEntry);
    }

    private void failed(OutboxEntry entry, RuntimeException e) {
        outbox.recordAttemptFailure(entry.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
        if (!sinkDown) {
            log.warn("publishing to {} failed; {} envelope(s) wait in the outbox and go out in order when it is back: {}",
                    sink.describe(), outbox.pendingCount(), e.getMessage());
        }
        sinkDown = true;
    }

    private void reachable() {
        if (sinkDown) {
            log.info("{} is reachable again; draining the outbox", sink.describe());
            sinkDown = false;
        }
    }

    /** Whether the last attempt failed. */
    public boolean sinkDown() {
        return sinkDown;
    }

    private void loop() {
        while (!closed) {
            try {
                drain();
            } catch (RuntimeException e) {
                log.error("outbox drain failed; retrying in {}", retryEvery, e);
            }
            lock.lock();
            try {
                if (!woken && !closed) {
                    wakeUp.await(retryEvery.toMillis(), TimeUnit.MILLISECONDS);
                }
                woken = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Stops the background drainer (a drain in progress finishes its current entry, and its marks). */
    @Override
    public void close() {
        closed = true;
        wake();
        Thread t;
        synchronized (this) {
            t = worker;
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
