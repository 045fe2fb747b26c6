package dev.quorum.memory.recall;

import dev.quorum.agents.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes a {@link SituationMemory} safe to call from the decision path: every call runs on a small executor
 * with a deadline. A recall that fails or misses the deadline returns an empty list (a WARN and the
 * {@code degradedRecalls} counter say so); an indexing that fails is queued in a persisted
 * {@link PendingIndexQueue} and retried, oldest first, by {@link #retryPending()} (called periodically and
 * on demand). A decision is never blocked beyond the deadline and no resolved situation is lost.
 */
public final class ResilientSituationMemory implements SituationMemory {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientSituationMemory.class);

    private final SituationMemory delegate;
    private final String storeName;
    private final Duration deadline;
    private final PendingIndexQueue pending;
    private final ThreadPoolExecutor calls;
    private final ScheduledExecutorService retries;
    private final AtomicLong recalls = new AtomicLong();
    private final AtomicLong degradedRecalls = new AtomicLong();
    private final AtomicLong indexed = new AtomicLong();
    private final AtomicLong indexFailures = new AtomicLong();
    private final AtomicLong droppedIndexing = new AtomicLong();
    private final Object drainLock = new Object();
    private volatile String lastProblem;

    /**
     * @param deadline   the most a recall or an indexing attempt may take
     * @param retryEvery how often queued indexing is retried in the background; zero for on demand only
     */
    ResilientSituationMemory(SituationMemory delegate, String storeName, Duration deadline, PendingIndexQueue pending,
                             Duration retryEvery) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.storeName = storeName;
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.pending = Objects.requireNonNull(pending, "pending");
        // Two threads and a short queue: a hung store can tie up at most these, and once they are busy
        // further calls are refused at once (degraded) instead of piling up.
        this.calls = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(8),
                DaemonThreads.named("quorum-recall-call"));
        this.retries = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("quorum-recall-retry"));
        if (!retryEvery.isZero()) {
            retries.scheduleWithFixedDelay(this::retryPendingQuietly, retryEvery.toMillis(), retryEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public List<RecalledSituation> recall(Situation now, int k, RecallScope scope) {
        return recallOrProblem(now, k, scope).situations();
    }

    /**
     * What {@link #recall} found, and when the store failed or was too slow, why (then no situations): the problem
     * belongs to this call, so a cycle deciding several tickers at once blames the right one (a counter read before
     * and after could see another ticker's failure).
     */
    public Recall recallOrProblem(Situation now, int k, RecallScope scope) {
        EmbeddingStoreSituationMemory.checkRecall(now, k, scope);
        try {
            List<RecalledSituation> recalled = withDeadline(() -> delegate.recall(now, k, scope));
            recalls.incrementAndGet();
            return new Recall(recalled, Optional.empty());
        } catch (Exception e) {
            degradedRecalls.incrementAndGet();
            String problem = describe(e);
            lastProblem = problem;
            LOG.warn("similar-situation recall for {} {} unavailable from {} ({}); deciding without it",
                    now.ticker(), now.tradeDate(), storeName, problem);
            return new Recall(List.of(), Optional.of(problem));
        }
    }

    /** One recall's situations, or the problem that left it without any. */
    public record Recall(List<RecalledSituation> situations, Optional<String> problem) {

        public Recall {
            situations = List.copyOf(situations);
        }
    }

    @Override
    public void index(ResolvedSituation resolved) {
        Objects.requireNonNull(resolved, "resolved");
        if (pending.size() > 0) {
            // The situations that wait go first, in the order they resolved; this one waits behind them only while the
            // store still fails. Queued before the drain, it was refused by a full queue the drain was about to empty.
            retryPending();
            if (pending.size() > 0) {
                queue(resolved);
                return;
            }
        }
        try {
            withDeadline(() -> {
                delegate.index(resolved);
                return null;
            });
            indexed.incrementAndGet();
        } catch (Exception e) {
            indexFailures.incrementAndGet();
            lastProblem = describe(e);
            queue(resolved);
        }
    }

    private void queue(ResolvedSituation resolved) {
        if (pending.offer(resolved)) {
            LOG.warn("indexing situation {} in {} waits ({}); queued for retry ({} waiting)",
                    resolved.situationId(), storeName, lastProblem, pending.size());
        } else {
            droppedIndexing.incrementAndGet();
            LOG.error("indexing situation {} in {} waits ({}) and the retry queue is full; re-index it from "
                    + "its outcome", resolved.situationId(), storeName, lastProblem);
        }
    }

    /**
     * Indexes queued situations, oldest first, until the queue is empty or the store fails again.
     *
     * @return how many were indexed
     */
    public int retryPending() {
        synchronized (drainLock) {
            int drained = 0;
            for (Optional<ResolvedSituation> next = pending.oldest(); next.isPresent(); next = pending.oldest()) {
                ResolvedSituation resolved = next.get();
                try {
                    withDeadline(() -> {
                        delegate.index(resolved);
                        return null;
                    });
                } catch (Exception e) {
                    lastProblem = describe(e);
                    LOG.warn("retrying the indexing of {} queued situations in {} failed ({}); will retry later",
                            pending.size(), storeName, lastProblem);
                    return drained;
                }
                pending.removeOldest();
                indexed.incrementAndGet();
                drained++;
            }
            if (drained > 0) {
                LOG.info("indexed {} queued situations in {}", drained, storeName);
            }
            return drained;
        }
    }

    private void retryPendingQuietly() {
        try {
            retryPending();
        } catch (RuntimeException e) {
            // A background retry must never kill the scheduler; the next run tries again.
            LOG.error("retrying queued situation indexing failed", e);
        }
    }

    public RecallStatus status() {
        return new RecallStatus(storeName, recalls.get(), degradedRecalls.get(), indexed.get(), indexFailures.get(),
                pending.size(), droppedIndexing.get(), lastProblem);
    }

    private <T> T withDeadline(Callable<T> call) throws Exception {
        Future<T> future = calls.submit(call);
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TimeoutException("no answer within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String describe(Exception e) {
        if (e instanceof RejectedExecutionException) {
            return "all recall threads busy with a slow store";
        }
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + message;
    }

    @Override
    public void close() {
        retries.shutdownNow();
        calls.shutdownNow();
        delegate.close();
    }
}
