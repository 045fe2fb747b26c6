package dev.quorum.orchestrator.publish;

import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Drains the outbox to a sink in insertion order. When the sink fails (Redis down) the entry is counted as a
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
        worker = new Thread(this::loop, "outbox-publisher");
        worker.setDaemon(true);
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
                for (OutboxEntry entry : pending) {
                    String where;
                    try {
                        where = sink.publish(entry.correlationId(), entry.envelopeJson());
                    } catch (RuntimeException e) {
                        outbox.recordAttemptFailure(entry.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
                        if (!sinkDown) {
                            log.warn("publishing to {} failed; {} envelope(s) wait in the outbox and go out in order when it is back: {}",
                                    sink.describe(), outbox.pendingCount(), e.getMessage());
                        }
                        sinkDown = true;
                        return published;
                    }
                    // A crash right here publishes this entry again on restart: at least once, same correlation id.
                    outbox.markPublished(entry.id(), where);
                    published++;
                    if (sinkDown) {
                        log.info("{} is reachable again; draining the outbox", sink.describe());
                        sinkDown = false;
                    }
                }
            }
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
