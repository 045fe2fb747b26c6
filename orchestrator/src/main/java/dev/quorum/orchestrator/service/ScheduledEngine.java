package dev.quorum.orchestrator.service;

import dev.quorum.memory.store.Outbox;
import dev.quorum.orchestrator.config.ScheduleConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The engine of {@code serve}: one cycle at a time, on the schedule (daily at a time in a zone, or every N seconds)
 * or on demand. {@link #shutdown(Duration)} stops the schedule and asks the cycle in flight to stop between
 * tickers: a ticker being decided is finished and stored whole, the rest are abandoned.
 */
public final class ScheduledEngine implements Engine {

    private static final Logger log = LoggerFactory.getLogger(ScheduledEngine.class);

    private final CycleRunner cycle;
    private final ScheduleConfig schedule;
    private final List<String> watchlist;
    private final Supplier<LocalDate> tradeDate;
    private final Outbox outbox;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cycle-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean cycleRunning = new AtomicBoolean();
    private final Object idle = new Object();
    private volatile boolean stopRequested;
    private volatile CycleReport lastCycle;
    private ScheduledFuture<?> next;
    private Instant nextRun;

    /** @param tradeDate the trade date of a cycle started now (the latest session with data) */
    public ScheduledEngine(CycleRunner cycle, ScheduleConfig schedule, List<String> watchlist,
                           Supplier<LocalDate> tradeDate, Outbox outbox) {
        this.cycle = cycle;
        this.schedule = schedule;
        this.watchlist = List.copyOf(watchlist);
        this.tradeDate = tradeDate;
        this.outbox = outbox;
    }

    @Override
    public synchronized EngineStatus status() {
        return new EngineStatus(next != null, describe(schedule), cycleRunning.get(), Optional.ofNullable(nextRun),
                Optional.ofNullable(lastCycle), outbox.pendingCount(), watchlist);
    }

    public static String describe(ScheduleConfig schedule) {
        return schedule.kind() == ScheduleConfig.Kind.DAILY
                ? "daily at " + schedule.at() + " " + schedule.zone()
                : "every " + schedule.everySeconds() + " s";
    }

    @Override
    public CycleReport scan() {
        if (!cycleRunning.compareAndSet(false, true)) {
            throw new IllegalStateException("a cycle is already running; try again when it has finished");
        }
        try {
            CycleReport report = cycle.run(watchlist, tradeDate.get(), () -> stopRequested);
            lastCycle = report;
            return report;
        } finally {
            cycleRunning.set(false);
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    @Override
    public synchronized boolean start() {
        if (next != null || stopRequested) {
            return false;
        }
        scheduleNext();
        log.info("schedule on: {}; next cycle at {}", describe(schedule), nextRun);
        return true;
    }

    @Override
    public synchronized boolean stop() {
        if (next == null) {
            return false;
        }
        next.cancel(false);
        next = null;
        nextRun = null;
        log.info("schedule off");
        return true;
    }

    private synchronized void scheduleNext() {
        Duration delay = delayToNextRun(ZonedDateTime.now(schedule.zoneId()));
        nextRun = Instant.now().plus(delay);
        next = timer.schedule(this::scheduledCycle, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Time from {@code now} to the next scheduled start. */
    Duration delayToNextRun(ZonedDateTime now) {
        if (schedule.kind() == ScheduleConfig.Kind.INTERVAL) {
            return Duration.ofSeconds(schedule.everySeconds());
        }
        ZonedDateTime candidate = now.with(schedule.time()).withSecond(0).withNano(0);
        if (!candidate.isAfter(now)) {
            candidate = candidate.plusDays(1);
        }
        return Duration.between(now, candidate);
    }

    private void scheduledCycle() {
        try {
            CycleReport report = scan();
            log.info("scheduled cycle for {}: {} decided, {} failed{}", report.tradeDate(), report.decided().size(),
                    report.failed().size(), report.abandoned() ? ", abandoned" : "");
        } catch (IllegalStateException e) {
            log.warn("scheduled cycle skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("scheduled cycle failed", e);
        }
        synchronized (this) {
            if (next != null && !stopRequested) {
                scheduleNext();
            }
        }
    }

    /**
     * Stops the schedule, asks a running cycle to stop after the ticker in progress, and waits for it.
     *
     * @return true when no cycle was running any more within {@code wait}
     */
    public boolean shutdown(Duration wait) {
        stopRequested = true;
        stop();
        timer.shutdownNow();
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (idle) {
            while (cycleRunning.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
