package dev.quorum.orchestrator.service;

import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.config.ScheduleConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.testkit.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily schedule over weeks: it fires at its time in New York on the exchange's sessions only (a weekend or
 * holiday has no session to decide, and a cycle there decided the session before it again), across the clock
 * changes, once per session whatever the machine's clock does, and a cycle that ran past the next one's time is
 * followed at once by that one. The timer is stood in for by calling the scheduled cycle at the instant it fires.
 */
class ScheduledEngineCalendarTest {

    private static final ScheduleConfig DAILY = new ScheduleConfig(ScheduleConfig.Kind.DAILY, "17:15", "America/New_York", 60);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate DAY = LocalDate.parse("2024-06-03");

    @TempDir
    Path dir;

    private static Instant newYork(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
    }

    private ScheduledEngine engine(Clock clock, CycleRunner runner) {
        return new ScheduledEngine(runner, DAILY, List.of("AAPL"), () -> DAY,
                new Outbox(QuorumDatabase.open(dir.resolve("quorum.db"))), Duration.ofMinutes(2), Duration.ofMinutes(30), clock);
    }

    private static CycleRunner recording(BlockingQueue<Instant> runs, Clock clock) {
        return (tickers, date, stop) -> {
            runs.add(clock.instant());
            return new CycleReport(date, clock.instant(), clock.instant(), List.of(), Map.of(), Map.of(), false);
        };
    }

    /** Holds a cycle on the thread that runs it until the test releases it. */
    private static void awaitRelease(CountDownLatch release) {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Instant nextRun(ScheduledEngine engine) {
        return engine.status().nextRun().orElseThrow();
    }

    @Test
    void should_schedule_the_daily_cycle_on_the_next_session_past_a_weekend_or_holiday() {
        ManualClock clock = new ManualClock(newYork("2024-06-07T18:00"));
        ScheduledEngine engine = engine(clock, recording(new LinkedBlockingQueue<>(), clock));
        try {
            engine.start();
            assertEquals(newYork("2024-06-10T17:15"), nextRun(engine), "Friday evening: Monday's cycle, not Saturday's");
        } finally {
            engine.shutdown(Duration.ofSeconds(10));
        }
        // Thursday 2026-07-02: Independence Day falls on a Saturday and is observed on Friday 07-03.
        assertEquals(newYork("2026-07-06T17:15"), nextAfterCycleAt(newYork("2026-07-02T17:15")), "past the holiday and the weekend");
    }

    @Test
    void should_fire_at_its_new_york_time_in_the_weeks_the_clocks_change() {
        // Clocks go forward on Sunday 2026-03-08: Monday's 17:15 EDT is 71 hours after Friday's 17:15 EST.
        assertEquals(Instant.parse("2026-03-09T21:15:00Z"), nextAfterCycleAt(newYork("2026-03-06T17:15")));
        // Clocks go back on Sunday 2026-11-01: Monday's 17:15 EST is 73 hours after Friday's 17:15 EDT.
        assertEquals(Instant.parse("2026-11-02T22:15:00Z"), nextAfterCycleAt(newYork("2026-10-30T17:15")));
    }

    /** The time the cycle after the one due at {@code due} is scheduled for, that one run at its time. */
    private Instant nextAfterCycleAt(Instant due) {
        ManualClock clock = new ManualClock(due.minus(Duration.ofHours(5)));
        ScheduledEngine engine = engine(clock, recording(new LinkedBlockingQueue<>(), clock));
        try {
            engine.start();
            assertEquals(due, nextRun(engine));
            clock.set(due);
            engine.scheduledCycle();
            return nextRun(engine);
        } finally {
            engine.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void should_run_once_at_its_time_when_the_clock_was_set_back_before_the_timer_fired() {
        BlockingQueue<Instant> runs = new LinkedBlockingQueue<>();
        ManualClock clock = new ManualClock(newYork("2024-06-03T12:00"));
        ScheduledEngine engine = engine(clock, recording(runs, clock));
        try {
            engine.start();
            assertEquals(newYork("2024-06-03T17:15"), nextRun(engine));

            // The timer counts elapsed time; the wall clock was set back an hour meanwhile, so it fires at 16:15.
            clock.set(newYork("2024-06-03T16:15"));
            engine.scheduledCycle();
            assertNull(runs.poll(), "no cycle an hour before the schedule's time");
            assertEquals(newYork("2024-06-03T17:15"), nextRun(engine), "still today's 17:15");

            clock.set(newYork("2024-06-03T17:15"));
            engine.scheduledCycle();
            assertEquals(newYork("2024-06-03T17:15"), runs.poll());
            assertEquals(newYork("2024-06-04T17:15"), nextRun(engine), "the next session's, not today's again");
        } finally {
            engine.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void should_run_at_once_the_latest_cycle_whose_time_passed_while_the_one_before_ran() throws Exception {
        BlockingQueue<Instant> runs = new LinkedBlockingQueue<>();
        ManualClock clock = new ManualClock(newYork("2024-06-03T12:00"));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        CycleRunner overrunning = (tickers, date, stop) -> {
            // Counted apart from runs, which the test empties: read there, a run on the timer's thread after the
            // test took the first from runs took itself for the first.
            boolean first = started.getAndIncrement() == 0;
            runs.add(clock.instant());
            if (first) {
                // Monday's cycle ends on Thursday after Thursday's 17:15 (a stalled model host, a clock jump).
                clock.set(newYork("2024-06-06T17:40"));
            } else {
                // The catch-up holds the timer's thread until the test has read what was armed.
                awaitRelease(release);
            }
            return new CycleReport(date, clock.instant(), clock.instant(), List.of(), Map.of(), Map.of(), false);
        };
        ScheduledEngine engine = engine(clock, overrunning);
        try {
            engine.start();
            clock.set(newYork("2024-06-03T17:15"));
            engine.scheduledCycle();

            assertEquals(newYork("2024-06-03T17:15"), runs.poll());
            assertEquals(newYork("2024-06-06T17:15"), nextRun(engine), "Thursday's cycle, the latest passed, not Tuesday's");
            assertEquals(newYork("2024-06-06T17:40"), runs.poll(10, TimeUnit.SECONDS), "run at once");
        } finally {
            release.countDown();
            engine.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void should_run_once_when_the_timer_fires_after_later_cycle_times_passed() throws Exception {
        BlockingQueue<Instant> runs = new LinkedBlockingQueue<>();
        ManualClock clock = new ManualClock(newYork("2024-06-03T12:00"));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        CycleRunner runner = (tickers, date, stop) -> {
            // Counted apart from runs, which the test empties: read there, a run on the timer's thread after the
            // test took the first from runs took itself for the first.
            boolean first = started.getAndIncrement() == 0;
            runs.add(clock.instant());
            if (!first) {
                // A second run holds the timer's thread until the test has read what was armed.
                awaitRelease(release);
            }
            return new CycleReport(date, clock.instant(), clock.instant(), List.of(), Map.of(), Map.of(), false);
        };
        ScheduledEngine engine = engine(clock, runner);
        try {
            engine.start();
            assertEquals(newYork("2024-06-03T17:15"), nextRun(engine));

            // The timer counts elapsed time: the machine slept (or the clock was set forward) past Thursday's 17:15,
            // and Monday's timer fires only now. Its cycle decides the latest session, the one Thursday's would.
            clock.set(newYork("2024-06-06T17:40"));
            engine.scheduledCycle();

            assertEquals(newYork("2024-06-06T17:40"), runs.poll());
            assertEquals(newYork("2024-06-07T17:15"), nextRun(engine), "Friday's, not Thursday's run again at once");
            assertNull(runs.poll(), "one cycle, not a second for the same session");
        } finally {
            release.countDown();
            engine.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void should_schedule_the_next_session_when_a_cycle_ends_in_an_error() {
        ManualClock clock = new ManualClock(newYork("2024-06-03T12:00"));
        // A class that can no longer be loaded (its jar replaced under the running service) is an Error, not an
        // exception: thrown into the timer's future, which nobody reads.
        CycleRunner failing = (tickers, date, stop) -> {
            throw new NoClassDefFoundError("dev/quorum/agents/Replaced");
        };
        ScheduledEngine engine = engine(clock, failing);
        try {
            engine.start();
            clock.set(newYork("2024-06-03T17:15"));
            assertThrows(NoClassDefFoundError.class, engine::scheduledCycle);
            assertEquals(newYork("2024-06-04T17:15"), nextRun(engine), "the schedule goes on");
        } finally {
            engine.shutdown(Duration.ofSeconds(10));
        }
    }

    /**
     * /api/stop then /api/start while the scheduled cycle runs: the start arms the next cycle, and the cycle's end armed
     * it again beside that one, so two timers fired from then on (an interval schedule ran twice per interval).
     */
    @Test
    void should_keep_one_timer_when_the_schedule_is_stopped_and_started_while_its_cycle_runs() throws Exception {
        ManualClock clock = new ManualClock(newYork("2024-06-03T12:00"));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CycleRunner runner = (tickers, date, stop) -> {
            running.countDown();
            awaitRelease(release);
            return new CycleReport(date, clock.instant(), clock.instant(), List.of(), Map.of(), Map.of(), false);
        };
        ScheduledEngine engine = engine(clock, runner);
        Thread fired = new Thread(engine::scheduledCycle);
        try {
            engine.start();
            assertEquals(1, engine.timersArmed());
            clock.set(newYork("2024-06-03T17:15"));
            fired.start();
            assertTrue(running.await(10, TimeUnit.SECONDS));

            assertTrue(engine.stop());
            assertEquals(0, engine.timersArmed());
            assertTrue(engine.start());
            release.countDown();
            fired.join();

            assertEquals(1, engine.timersArmed(), "one timer for the next cycle");
            assertEquals(newYork("2024-06-04T17:15"), nextRun(engine));
        } finally {
            release.countDown();
            engine.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void should_run_the_scheduled_cycle_after_the_cycle_running_at_its_time() throws Exception {
        BlockingQueue<Instant> runs = new LinkedBlockingQueue<>();
        ManualClock clock = new ManualClock(newYork("2024-06-03T12:00"));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CycleRunner runner = (tickers, date, stop) -> {
            boolean first = runs.isEmpty();
            runs.add(clock.instant());
            if (first) {
                // An API scan (or a re-decision on changed signals) still running at the schedule's time.
                running.countDown();
                awaitRelease(release);
            }
            return new CycleReport(date, clock.instant(), clock.instant(), List.of(), Map.of(), Map.of(), false);
        };
        ScheduledEngine engine = engine(clock, runner);
        Thread scan = new Thread(engine::scan);
        try {
            engine.start();
            scan.start();
            assertTrue(running.await(10, TimeUnit.SECONDS));

            clock.set(newYork("2024-06-03T17:15"));
            engine.scheduledCycle();
            assertEquals(newYork("2024-06-03T17:16"), nextRun(engine), "looked at again in a minute, not tomorrow");

            release.countDown();
            scan.join();
            clock.set(newYork("2024-06-03T17:16"));
            engine.scheduledCycle();
            assertEquals(newYork("2024-06-03T12:00"), runs.poll());
            assertEquals(newYork("2024-06-03T17:16"), runs.poll(), "the scheduled cycle, after the one that held the engine");
            assertEquals(newYork("2024-06-04T17:15"), nextRun(engine));
        } finally {
            release.countDown();
            engine.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void should_count_a_session_before_a_holiday_missed_until_the_next_sessions_cycle() {
        LocalDate thursday = LocalDate.parse("2026-07-02");
        // Friday 07-03 is Independence Day observed: its 17:15 decides nothing, Monday's decides Monday.
        assertTrue(ScheduledEngine.missed(DAILY, thursday, LocalDateTime.parse("2026-07-03T18:00").atZone(NEW_YORK)));
        assertTrue(ScheduledEngine.missed(DAILY, thursday, LocalDateTime.parse("2026-07-06T09:00").atZone(NEW_YORK)));
        assertFalse(ScheduledEngine.missed(DAILY, thursday, LocalDateTime.parse("2026-07-06T17:15").atZone(NEW_YORK)));
        assertEquals(Optional.of(thursday), ScheduledEngine.missedSession(DAILY, LocalDateTime.parse("2026-07-03T18:00").atZone(NEW_YORK)),
                "a start on the holiday's evening decides Thursday's session, not the holiday");
    }
}
