package dev.quorum.agents.llm;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * The bulkhead of every Ollama endpoint: at most its {@code numParallel} calls in flight, so requests wait here
 * (bounded) instead of in Ollama's queue, where they would end in 503 "server busy".
 *
 * <p>Not resilience4j's Bulkhead because a call that may run on any of several endpoints must take the best one
 * that has room, atomically (or two callers would both pick the same idle endpoint), and when none has room wait
 * for whichever frees first: one lock over all endpoints gives both, and the load it reads is the ranking input.
 */
final class EndpointSlots {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    /** Calls in flight by base URL; guarded by {@link #lock}. */
    private final Map<String, Integer> inFlight = new HashMap<>();
    /** Calls that do not give way waiting for a slot; guarded by {@link #lock}. */
    private int waitingFirst;

    /** A slot held on one endpoint; {@link #close()} gives it back (once, however often it is called). */
    final class Slot implements AutoCloseable {
        private final OllamaEndpoint endpoint;
        private boolean open = true;

        private Slot(OllamaEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        OllamaEndpoint endpoint() {
            return endpoint;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (open) {
                    open = false;
                    inFlight.merge(endpoint.baseUrl(), -1, Integer::sum);
                    released.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Takes a slot on the preferred candidate that has room: lowest {@code circuitRank} first, then lowest
     * occupancy (in flight / numParallel), then the candidates' order. When none has room, waits up to
     * {@code maxWait} for one to free up and ranks again.
     *
     * @return the slot, or empty when no candidate had room within {@code maxWait}
     */
    Optional<Slot> acquire(List<OllamaEndpoint> candidates, ToIntFunction<OllamaEndpoint> circuitRank, Duration maxWait)
            throws InterruptedException {
        return acquire(candidates, circuitRank, maxWait, false);
    }

    /**
     * {@link #acquire(List, ToIntFunction, Duration)}, for a call that may give way: it then takes a slot only while
     * no call that does not give way is waiting for one. The agents of a decision asked ahead of it (a pipelined
     * backtest) give way, so they keep every slot busy without delaying the decisions being made.
     */
    Optional<Slot> acquire(List<OllamaEndpoint> candidates, ToIntFunction<OllamaEndpoint> circuitRank, Duration maxWait,
                           boolean givesWay) throws InterruptedException {
        Comparator<OllamaEndpoint> preference = Comparator.<OllamaEndpoint>comparingInt(circuitRank)
                // in/par of a before b without division: a.in * b.par vs b.in * a.par
                .thenComparing((a, b) -> Long.compare((long) inFlightOf(a) * b.numParallel(),
                        (long) inFlightOf(b) * a.numParallel()))
                .thenComparingInt(candidates::indexOf);
        long remainingNanos = maxWait.toNanos();
        lock.lockInterruptibly();
        boolean waiting = false;
        try {
            while (true) {
                Optional<OllamaEndpoint> best = givesWay && waitingFirst > 0 ? Optional.empty() : candidates.stream()
                        .filter(endpoint -> inFlightOf(endpoint) < endpoint.numParallel())
                        .min(preference);
                if (best.isPresent()) {
                    inFlight.merge(best.get().baseUrl(), 1, Integer::sum);
                    return Optional.of(new Slot(best.get()));
                }
                if (remainingNanos <= 0) {
                    return Optional.empty();
                }
                if (!givesWay && !waiting) {
                    waiting = true;
                    waitingFirst++;
                }
                remainingNanos = released.awaitNanos(remainingNanos);
            }
        } finally {
            if (waiting) {
                waitingFirst--;
                // The calls giving way look again: a slot may be left for them.
                released.signalAll();
            }
            lock.unlock();
        }
    }

    /** Calls that do not give way waiting for a slot right now. */
    int waitingFirst() {
        lock.lock();
        try {
            return waitingFirst;
        } finally {
            lock.unlock();
        }
    }

    /** Calls in flight on the endpoint right now. */
    int inFlight(OllamaEndpoint endpoint) {
        lock.lock();
        try {
            return inFlightOf(endpoint);
        } finally {
            lock.unlock();
        }
    }

    private int inFlightOf(OllamaEndpoint endpoint) {
        return inFlight.getOrDefault(endpoint.baseUrl(), 0);
    }
}
