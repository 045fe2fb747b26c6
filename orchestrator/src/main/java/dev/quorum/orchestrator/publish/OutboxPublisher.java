package dev.quorum.orchestrator.publish;

import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.OutboxEntry;
import dev.quorum.orchestrator.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Drains the outbox to a sink in insertion order, up to 100 envelopes per round trip where the sink batches
 * ({@link BatchSink}: Redis), marking them published in one SQLite transaction. When the sink fails (Redis down) the entry is counted as a
 * failed attempt and stays first in line; draining stops there so order is kept, and resumes on the next wake-up
 * or retry tick. Runs on its own thread once {@link #start()}ed; {@link #drain()} can also be called directly.
 */
public final class OutboxPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int BATCH = 100;

    private final Outbox outbox;
    private final EnvelopeSink sink;
    private final Duration retryEvery;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final Object drainLock = new Object();
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
     */
    public int drain() {
        synchronized (drainLock) {
            int published = 0;
            while (true) {
                List<OutboxEntry> pending = outbox.pending(BATCH);
                if (pending.isEmpty()) {
                    return published;
                }
                if (sink instanceof BatchSink batchSink && publishedAsBatch(batchSink, pending)) {
                    published += pending.size();
                    continue;
                }
                // One at a time: the sink does not batch, or the batch failed. Entry by entry, the envelopes before a
                // failing one are marked, and only the failing one waits (and is retried) in its place.
                for (OutboxEntry entry : pending) {
                    String where;
                    try {
                        where = sink.publish(entry.correlationId(), entry.envelopeJson());
                    } catch (RuntimeException e) {
                        failed(entry, e);
                        return published;
                    }
                    // A crash right here publishes this entry again on restart: at least once, same correlation id.
                    outbox.markPublished(entry.id(), where);
                    published++;
                    reachable();
                }
            }
        }
    }

    /**
     * Publishes a batch in one round trip and marks it in one transaction.
     *
     * @return false when the sink failed: nothing is marked, and the caller retries the batch entry by entry
     */
    private boolean publishedAsBatch(BatchSink batchSink, List<OutboxEntry> pending) {
        List<String> where;
        try {
            where = batchSink.publishAll(pending);
        } catch (RuntimeException e) {
            log.debug("batch publish of {} envelope(s) to {} failed; retrying one at a time: {}", pending.size(), sink.describe(), e.getMessage());
            return false;
        }
        // A crash right here publishes this batch again on restart: at least once, same correlation ids, same order.
        Map<Long, String> streamIdByEntry = new LinkedHashMap<>();
        for (int i = 0; i < pending.size(); i++) {
            streamIdByEntry.put(pending.get(i).id(), where.get(i));
        }
        outbox.markPublished(streamIdByEntry);
        reachable();
        return true;
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

    /** Stops the background drainer (a drain in progress finishes its current entry). */
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
