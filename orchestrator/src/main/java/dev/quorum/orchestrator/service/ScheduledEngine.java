package dev.quorum.orchestrator.service;

import dev.quorum.agents.llm.SpokenDuration;
import dev.quorum.memory.store.CurrentDecision;
import dev.quorum.memory.store.Outbox;
import dev.quorum.agents.concurrent.DaemonThreads;
import dev.quorum.orchestrator.config.ScheduleConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.datasync.ExchangeCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The engine of {@code serve}: one cycle at a time, on the schedule (daily at a time in a zone, or every N seconds)
 * or on demand. {@link #shutdown(Duration)} stops the schedule and asks the cycle in flight to stop between
 * tickers: a ticker being decided is finished and stored whole, the rest are abandoned.
 *
 * <p>A cycle that leaves provisional decisions (the models failed) is followed by tries of just those tickers, with
 * a doubling wait, until they are final or the trade date moves on: an outage in the evening does not lock in the
 * day until the next scheduled cycle.
 */
public final class ScheduledEngine implements Engine {

    private static final Logger log = LoggerFactory.getLogger(ScheduledEngine.class);

    private final CycleRunner cycle;
    private final ScheduleConfig schedule;
    private final List<String> watchlist;
    private final Supplier<LocalDate> tradeDate;
    private final Supplier<LocalDate> storedSession;
    private final Outbox outbox;
    private final Duration retryFirst;
    private final Duration retryMax;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer = timer();
    private final AtomicBoolean cycleRunning = new AtomicBoolean();
    private final Object idle = new Object();
    private volatile boolean stopRequested;
    private volatile CycleReport lastCycle;
    private ScheduledFuture<?> next;
    private Instant nextRun;

    /** @param tradeDate the trade date of a cycle started now (the latest session with data) */
    public ScheduledEngine(CycleRunner cycle, ScheduleConfig schedule, List<String> watchlist,
                           Supplier<LocalDate> tradeDate, Outbox outbox) {
        this(cycle, schedule, watchlist, tradeDate, outbox, Duration.ofMinutes(2), Duration.ofMinutes(30));
    }

    /**
     * @param retryFirst how long after a cycle with provisional decisions their tickers are tried again
     * @param retryMax   the longest wait between two tries (the wait doubles from {@code retryFirst})
     */
    public ScheduledEngine(CycleRunner cycle, ScheduleConfig schedule, List<String> watchlist,
                           Supplier<LocalDate> tradeDate, Outbox outbox, Duration retryFirst, Duration retryMax) {
        this(cycle, schedule, watchlist, tradeDate, outbox, retryFirst, retryMax, Clock.systemUTC());
    }

    /** @param clock the wall clock the daily schedule's times are read on */
    public ScheduledEngine(CycleRunner cycle, ScheduleConfig schedule, List<String> watchlist,
                           Supplier<LocalDate> tradeDate, Outbox outbox, Duration retryFirst, Duration retryMax, Clock clock) {
        this(cycle, schedule, watchlist, tradeDate, tradeDate, outbox, retryFirst, retryMax, clock);
    }

    /**
     * @param storedSession the latest session in the market data as it stands, asked by each try of provisional
     *                      decisions (has the trade date moved on?): unlike {@code tradeDate}, which syncs first when
     *                      {@code market.sync.before_cycle} is on, it asks no provider, so tries every few minutes
     *                      overnight do not spend a provider's rate limit (the next scheduled cycle syncs)
     */
    public ScheduledEngine(CycleRunner cycle, ScheduleConfig schedule, List<String> watchlist,
                           Supplier<LocalDate> tradeDate, Supplier<LocalDate> storedSession, Outbox outbox,
                           Duration retryFirst, Duration retryMax, Clock clock) {
        this.storedSession = storedSession;
        this.clock = clock;
        this.cycle = cycle;
        this.schedule = schedule;
        this.watchlist = List.copyOf(watchlist);
        this.tradeDate = tradeDate;
        this.outbox = outbox;
        this.retryFirst = retryFirst;
        this.retryMax = retryMax;
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
        CycleReport report = runCycle(watchlist, tradeDate.get());
        retryProvisional(report, retryFirst);
        return report;
    }

    private CycleReport runCycle(List<String> tickers, LocalDate date) {
        if (!cycleRunning.compareAndSet(false, true)) {
            throw new CycleRunning();
        }
        try {
            CycleReport report = cycle.run(tickers, date, () -> stopRequested);
            lastCycle = report;
            return report;
        } finally {
            cycleRunning.set(false);
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Another cycle holds the engine (an API scan, a re-decision on changed signals); the API answers it with 409. */
    static final class CycleRunning extends IllegalStateException {
        CycleRunning() {
            super("a cycle is already running; try again when it has finished");
        }
    }

    /** How long a scheduled cycle that found another cycle running waits before it looks again. */
    static final Duration BUSY_RETRY = Duration.ofMinutes(1);

    /** Schedules a try of the report's provisional tickers after {@code wait}, when there are any. */
    private void retryProvisional(CycleReport report, Duration wait) {
        List<String> provisional = report.provisional();
        if (provisional.isEmpty() || stopRequested) {
            return;
        }
        log.warn("{}: provisional decisions for {} (the models failed); trying them again in {}", report.tradeDate(),
                provisional, SpokenDuration.of(wait));
        later(() -> retry(provisional, report.tradeDate(), wait), wait);
    }

    /**
     * At the service's start: decides now, on the scheduler's thread, what a stopped or crashed process left of the
     * latest session ({@code session}, the market data's, no sync), or the whole session when its scheduled cycle was
     * missed. A SIGTERM mid-cycle abandons the rest of the watchlist and cuts the provisional tickers' tries short, and
     * the schedule's next cycle decides the next session: without this, those tickers were never decided. Likewise a
     * service down at its daily time, started before the next one: the next cycle decides the next session, and this
     * one would have no decision at all ({@link #missed}). That session is the cycle's own trade date: with a data sync
     * before each cycle, the start syncs first, as the missed cycle would have, but only when the session it could be
     * has no decision yet.
     *
     * @param session       the latest session of the market data as it is (no sync): where a left-over is looked for
     * @param current       the current stored decision of a ticker on a date
     * @param decidedBefore whether a session before a date was decided (the service ran before: a first start decides
     *                      nothing until its schedule says so)
     * @param clock         the time the schedule's times are compared with
     */
    public void resumeLeftOver(Supplier<LocalDate> session, BiFunction<String, LocalDate, Optional<CurrentDecision>> current,
                               Predicate<LocalDate> decidedBefore, Clock clock) {
        later(() -> {
            try {
                decideLeftOrMissed(session, current, decidedBefore, clock);
            } catch (RuntimeException e) {
                // On the timer's thread nothing else would report it: the schedule goes on either way.
                log.error("deciding at start what was left or missed failed", e);
            }
        }, Duration.ZERO);
    }

    private void decideLeftOrMissed(Supplier<LocalDate> session, BiFunction<String, LocalDate, Optional<CurrentDecision>> current,
                                    Predicate<LocalDate> decidedBefore, Clock clock) {
        LocalDate date = session.get();
        List<String> tickers = leftOver(stored(date, current));
        String what = "deciding what the last run left of the session";
        if (tickers.isEmpty() && !stopRequested) {
            // Only the session whose cycle time has passed, and the next session's not, can be missed; when it is not
            // begun and the service ran before, it was missed if it is the cycle's own trade date, asked only then:
            // with a data sync before each cycle configured, that asks the providers first, as the missed cycle would
            // have (the service was down for that sync too), and a restart after a decided session asks nothing.
            Optional<LocalDate> missedDay = missedSession(schedule, ZonedDateTime.now(clock))
                    .filter(day -> stored(day, current).values().stream().allMatch(Optional::isEmpty) && decidedBefore.test(day));
            if (missedDay.isPresent() && tradeDate.get().equals(missedDay.get())) {
                tickers = watchlist;
                date = missedDay.get();
                what = "its scheduled cycle (" + describe(schedule) + ") was missed; deciding the session";
            }
        }
        if (tickers.isEmpty() || stopRequested) {
            return;
        }
        log.info("{}: {}: {}", date, what, tickers);
        try {
            retryProvisional(runCycle(tickers, date), retryFirst);
        } catch (CycleRunning e) {
            log.info("{}: a cycle is already running; it decides {}", date, tickers);
        }
    }

    /** Each watchlist ticker's current decision on {@code date}, in watchlist order. */
    private Map<String, Optional<CurrentDecision>> stored(LocalDate date, BiFunction<String, LocalDate, Optional<CurrentDecision>> current) {
        Map<String, Optional<CurrentDecision>> stored = new LinkedHashMap<>();
        watchlist.forEach(ticker -> stored.put(ticker, current.apply(ticker, date)));
        return stored;
    }

    /**
     * The watchlist's tickers without a final decision, when the session was begun (some ticker has a decision,
     * final or provisional); empty for a session not begun or complete.
     *
     * @param stored each watchlist ticker's current decision on the session, in watchlist order
     */
    static List<String> leftOver(Map<String, Optional<CurrentDecision>> stored) {
        if (stored.values().stream().allMatch(Optional::isEmpty)) {
            return List.of();
        }
        return stored.entrySet().stream().filter(e -> e.getValue().map(CurrentDecision::provisional).orElse(true))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * Whether {@code now} lies between the daily schedule's time on {@code session}'s day (the cycle that decides it,
     * the schedule's time being after the close) and its time on the next session by the exchange's rules (the cycle
     * that decides the next session: none runs on a weekend or holiday). Past that, the session's decisions would come
     * a session late, and are left to a backfill ({@code run --date}). An interval schedule misses nothing: its next
     * cycle is seconds away.
     */
    static boolean missed(ScheduleConfig schedule, LocalDate session, ZonedDateTime now) {
        if (schedule.kind() != ScheduleConfig.Kind.DAILY) {
            return false;
        }
        LocalDate next = session.plusDays(1);
        while (!ExchangeCalendar.isSession(next)) {
            next = next.plusDays(1);
        }
        ZonedDateTime due = session.atTime(schedule.time()).atZone(schedule.zoneId());
        ZonedDateTime nextDue = next.atTime(schedule.time()).atZone(schedule.zoneId());
        return !now.isBefore(due) && now.isBefore(nextDue);
    }

    /** The session whose cycle {@code now} would find {@link #missed}: there is at most one. */
    static Optional<LocalDate> missedSession(ScheduleConfig schedule, ZonedDateTime now) {
        LocalDate day = now.withZoneSameInstant(schedule.zoneId()).toLocalDate();
        for (int back = 0; back < 7; back++, day = day.minusDays(1)) {
            if (ExchangeCalendar.isSession(day) && missed(schedule, day, now)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    private void later(Runnable task, Duration wait) {
        try {
            timer.schedule(task, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shut down meanwhile: the next start's first cycle decides the provisional tickers again.
        }
    }

    private void retry(List<String> tickers, LocalDate date, Duration waited) {
        if (stopRequested) {
            return;
        }
        Duration nextWait = waited.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : waited.multipliedBy(2);
        CycleReport report;
        try {
            if (!date.equals(storedSession.get())) {
                log.info("{}: the trade date moved on; provisional decisions for {} stay as they are", date, tickers);
                return;
            }
            report = runCycle(tickers, date);
        } catch (CycleRunning e) {
            // A cycle is running: it decides them (or leaves them provisional and schedules its own tries).
            return;
        } catch (RuntimeException e) {
            // Reading the latest session or the cycle failed. Thrown out of this timer's task, it would end the tries
            // without a word.
            log.error("{}: trying provisional decisions for {} again failed; next try in {}", date, tickers,
                    SpokenDuration.of(nextWait), e);
            later(() -> retry(tickers, date, nextWait), nextWait);
            return;
        }
        log.info("{}: provisional tickers tried again: {} final, {} still provisional", date,
                report.decided().size() - report.provisional().size(), report.provisional().size());
        retryProvisional(report, nextWait);
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

    /** Arms the timer for the first cycle time after now. */
    private synchronized void scheduleNext() {
        arm(schedule.kind() == ScheduleConfig.Kind.INTERVAL ? clock.instant().plusSeconds(schedule.everySeconds())
                : nextDue(schedule, clock.instant()));
    }

    /**
     * Arms the timer for the daily cycle after the one due at {@code due}, counted from that time and not from the end
     * of the cycle: one that ran past the next one's time (a long watchlist, a slow model host) is followed at once by
     * the latest time it ran past, not by the day after, whose session would otherwise never be decided. Only the
     * latest: after a clock jump of days, one cycle, not one per day.
     */
    private synchronized void scheduleAfter(Instant due) {
        if (schedule.kind() == ScheduleConfig.Kind.INTERVAL) {
            scheduleNext();
            return;
        }
        Instant now = clock.instant();
        Instant next = nextDue(schedule, due);
        if (next.isAfter(now)) {
            arm(next);
            return;
        }
        next = latestPassed(next, now);
        log.warn("the cycle due at {} ran past the next one's time ({}); running that one now", due, next);
        arm(next);
    }

    /** The latest of the daily times from {@code due} on that {@code now} is not before: {@code due} when none later. */
    private Instant latestPassed(Instant due, Instant now) {
        Instant latest = due;
        for (Instant later = nextDue(schedule, due); !later.isAfter(now); later = nextDue(schedule, later)) {
            latest = later;
        }
        return latest;
    }

    /** One thread; a cancelled timer leaves its queue at once (see {@link #timersArmed}). */
    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("cycle-scheduler"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private synchronized void arm(Instant at) {
        // One cycle timer at a time. A stop and a start while a cycle ran armed one already, and the cycle's end armed
        // its own beside it: two timers, and an interval schedule ran twice per interval from then on. (Cancelling the
        // timer whose cycle is running, when it re-arms itself, changes nothing for that cycle.)
        if (next != null) {
            next.cancel(false);
        }
        nextRun = at;
        Duration delay = Duration.between(clock.instant(), at);
        next = timer.schedule(this::scheduledCycle, delay.isNegative() ? 0 : delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The daily schedule's first time strictly after {@code after}, on a session of the exchange by its rules: a
     * weekend or holiday has no session to decide (a cycle there would decide the session before it again, and with
     * {@code decisions.redecide} publish it again). The time is the schedule's wall-clock time in its zone, so across a
     * change of the clocks it stays 17:15 in New York, 71 or 73 hours after Friday's.
     */
    static Instant nextDue(ScheduleConfig schedule, Instant after) {
        ZonedDateTime local = after.atZone(schedule.zoneId());
        for (LocalDate day = local.toLocalDate(); ; day = day.plusDays(1)) {
            ZonedDateTime due = day.atTime(schedule.time()).atZone(schedule.zoneId());
            if (due.toInstant().isAfter(after) && ExchangeCalendar.isSession(day)) {
                return due.toInstant();
            }
        }
    }

    /**
     * Run by the timer at {@link #nextRun}. The timer counts elapsed time, the schedule wall-clock time: when the clock
     * was set back meanwhile (NTP stepping a fast clock, an operator), the timer fires before the schedule's time, and
     * the cycle waits for it instead of running early and once more at its time.
     */
    void scheduledCycle() {
        Instant due;
        synchronized (this) {
            due = nextRun;
            if (next == null || stopRequested || due == null) {
                return;
            }
            if (schedule.kind() == ScheduleConfig.Kind.DAILY && clock.instant().isBefore(due)) {
                arm(due);
                return;
            }
            if (schedule.kind() == ScheduleConfig.Kind.DAILY) {
                // Fired after later times passed (the machine slept, the clock was set forward): this cycle is theirs,
                // the latest one's. Counted on from its own time, the next would be one of them, run at once: the
                // same session decided twice.
                Instant latest = latestPassed(due, clock.instant());
                if (!latest.equals(due)) {
                    log.warn("the cycle due at {} starts after the next one's time ({}); it is that one", due, latest);
                    due = latest;
                }
            }
        }
        try {
            CycleReport report = scan();
            log.info("scheduled cycle for {}: {} decided, {} failed{}", report.tradeDate(), report.decided().size(),
                    report.failed().size(), report.abandoned() ? ", abandoned" : "");
        } catch (CycleRunning e) {
            // Skipped, the session's scheduled cycle was lost: a cycle begun before the day's data (an API scan, a
            // re-decision on changed signals) decides the session before, and the next scheduled one the next session.
            synchronized (this) {
                if (next != null && !stopRequested) {
                    log.info("scheduled cycle due at {} waits for the cycle running now; looking again in {}", due,
                            SpokenDuration.of(BUSY_RETRY));
                    arm(clock.instant().plus(BUSY_RETRY));
                }
            }
            return;
        } catch (RuntimeException e) {
            log.error("scheduled cycle failed", e);
        } catch (Error e) {
            // Thrown on, it ends in the timer's future, which nobody reads: without this the schedule stopped for
            // good, silently, while the status still said it was on. Said here, and the next session is scheduled.
            log.error("scheduled cycle failed; the schedule goes on", e);
            rearmAfter(due);
            throw e;
        }
        rearmAfter(due);
    }

    private synchronized void rearmAfter(Instant due) {
        if (next != null && !stopRequested) {
            scheduleAfter(due);
        }
    }

    /** How many timers wait to run something: the next cycle's, and any tries of provisional decisions. */
    int timersArmed() {
        return timer.getQueue().size();
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
