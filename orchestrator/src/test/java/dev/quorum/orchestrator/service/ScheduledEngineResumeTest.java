package dev.quorum.orchestrator.service;

import dev.quorum.memory.store.CurrentDecision;
import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.config.ScheduleConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restart decides what the process before it left of the latest session (SIGTERM mid-cycle, a crash): the schedule's
 * next cycle decides the next session, so those tickers were otherwise never decided.
 */
class ScheduledEngineResumeTest {

    private static final LocalDate DAY = LocalDate.parse("2024-06-03");
    private static final ScheduleConfig DAILY = new ScheduleConfig(ScheduleConfig.Kind.DAILY, "17:15", "America/New_York", 60);
    private static final List<String> WATCHLIST = List.of("AAPL", "MSFT", "NVDA", "JPM");
    /** Monday 2024-06-03, 18:00 in New York: after the schedule's 17:15. */
    private static final Clock AFTER_THE_CYCLE = Clock.fixed(Instant.parse("2024-06-03T22:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private record Call(List<String> tickers, LocalDate date) {
    }

    private static Optional<CurrentDecision> finalOne(String ticker) {
        return Optional.of(new CurrentDecision(ticker + "-id", false));
    }

    @Test
    void should_decide_at_start_the_tickers_left_undecided_or_provisional_of_a_begun_session() throws Exception {
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        ScheduledEngine engine = recording(calls, () -> DAY.plusDays(1));
        try {
            // AAPL final, MSFT provisional, NVDA and JPM abandoned by the SIGTERM.
            engine.resumeLeftOver(() -> DAY, (ticker, date) -> !date.equals(DAY) ? Optional.empty()
                    : ticker.equals("AAPL") ? finalOne(ticker)
                    : ticker.equals("MSFT") ? Optional.of(new CurrentDecision("MSFT-id", true)) : Optional.empty(),
                    date -> true, AFTER_THE_CYCLE);

            assertEquals(new Call(List.of("MSFT", "NVDA", "JPM"), DAY), calls.poll(10, TimeUnit.SECONDS),
                    "the left-over session's tickers, not the schedule's trade date");
        } finally {
            engine.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void should_leave_a_session_not_begun_or_complete_to_the_schedule() {
        assertEquals(List.of(), ScheduledEngine.leftOver(stored(ticker -> Optional.empty())), "not begun");
        assertEquals(List.of(), ScheduledEngine.leftOver(stored(ScheduledEngineResumeTest::finalOne)), "complete");
        assertEquals(List.of("JPM"), ScheduledEngine.leftOver(stored(
                ticker -> ticker.equals("JPM") ? Optional.empty() : finalOne(ticker))));
        assertEquals(List.of("NVDA"), ScheduledEngine.leftOver(stored(
                ticker -> ticker.equals("NVDA") ? Optional.of(new CurrentDecision("NVDA-id", true)) : finalOne(ticker))),
                "a provisional decision alone begins the session and is tried again");
    }

    @Test
    void should_decide_at_start_a_whole_session_whose_scheduled_cycle_the_service_was_down_for() throws Exception {
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        ScheduledEngine engine = recording(calls, () -> DAY);
        try {
            // Monday 17:15 New York passed while the service was down; Friday was decided; started at 18:00.
            engine.resumeLeftOver(() -> DAY, (ticker, date) -> Optional.empty(), date -> true, AFTER_THE_CYCLE);

            assertEquals(new Call(WATCHLIST, DAY), calls.poll(10, TimeUnit.SECONDS), "the missed session, whole");
        } finally {
            engine.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void should_decide_the_session_the_missed_cycle_would_have_synced_and_decided() throws Exception {
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        // The data as it is ends on Friday, decided; the cycle's trade date (after its sync) is Monday, not begun.
        LocalDate friday = DAY.minusDays(3);
        ScheduledEngine engine = recording(calls, () -> DAY);
        try {
            engine.resumeLeftOver(() -> friday, (ticker, date) -> date.equals(friday) ? finalOne(ticker) : Optional.empty(),
                    date -> true, AFTER_THE_CYCLE);

            assertEquals(new Call(WATCHLIST, DAY), calls.poll(10, TimeUnit.SECONDS), "Monday, as the missed cycle had synced it");
        } finally {
            engine.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void should_not_decide_at_start_a_session_on_a_first_start_or_before_its_scheduled_time() throws Exception {
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        ScheduledEngine engine = recording(calls, () -> DAY);
        try {
            // A first start (nothing decided before): its schedule decides, not its start.
            engine.resumeLeftOver(() -> DAY, (ticker, date) -> Optional.empty(), date -> false, AFTER_THE_CYCLE);
            // Monday 16:00 New York: Monday's cycle is still to come.
            engine.resumeLeftOver(() -> DAY, (ticker, date) -> Optional.empty(), date -> true,
                    Clock.fixed(Instant.parse("2024-06-03T20:00:00Z"), ZoneOffset.UTC));
            // A begun session goes the left-over way; a complete one is left as it is.
            engine.resumeLeftOver(() -> DAY, (ticker, date) -> finalOne(ticker), date -> true, AFTER_THE_CYCLE);
            // The marker: the timer runs tasks in order, so when this one runs, the three above have decided or not.
            engine.resumeLeftOver(() -> DAY.plusDays(1), (ticker, date) -> ticker.equals("AAPL") ? finalOne(ticker) : Optional.empty(),
                    date -> true, AFTER_THE_CYCLE);

            assertEquals(new Call(List.of("MSFT", "NVDA", "JPM"), DAY.plusDays(1)), calls.poll(10, TimeUnit.SECONDS),
                    "nothing decided before the marker");
        } finally {
            engine.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void should_not_ask_the_cycles_trade_date_when_the_session_that_could_be_missed_is_decided() throws Exception {
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        AtomicInteger asked = new AtomicInteger();
        // Asking the trade date is what syncs the market data when market.sync.before_cycle is on.
        ScheduledEngine engine = recording(calls, () -> {
            asked.incrementAndGet();
            return DAY;
        });
        try {
            engine.resumeLeftOver(() -> DAY, (ticker, date) -> finalOne(ticker), date -> true, AFTER_THE_CYCLE);
            // The marker: the timer runs tasks in order, so when this one runs, the one above has asked or not.
            engine.resumeLeftOver(() -> DAY, (ticker, date) -> ticker.equals("AAPL") ? finalOne(ticker) : Optional.empty(),
                    date -> true, AFTER_THE_CYCLE);

            assertEquals(new Call(List.of("MSFT", "NVDA", "JPM"), DAY), calls.poll(10, TimeUnit.SECONDS));
            assertEquals(0, asked.get(), "a restart after a decided session syncs nothing");
        } finally {
            engine.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void should_name_the_one_weekday_whose_cycle_a_start_can_have_missed() {
        ZoneId newYork = ZoneId.of("America/New_York");
        LocalDate friday = LocalDate.parse("2024-06-07");
        assertEquals(Optional.of(friday), ScheduledEngine.missedSession(DAILY, friday.atTime(18, 0).atZone(newYork)));
        assertEquals(Optional.of(friday), ScheduledEngine.missedSession(DAILY, friday.plusDays(2).atTime(12, 0).atZone(newYork)),
                "Sunday");
        assertEquals(Optional.of(friday), ScheduledEngine.missedSession(DAILY, friday.plusDays(3).atTime(17, 14).atZone(newYork)),
                "Monday before its cycle");
        assertEquals(Optional.of(friday.plusDays(3)), ScheduledEngine.missedSession(DAILY, friday.plusDays(3).atTime(17, 15).atZone(newYork)));
        assertEquals(Optional.of(friday), ScheduledEngine.missedSession(DAILY,
                java.time.LocalDateTime.parse("2024-06-08T02:00:00").atZone(ZoneOffset.UTC)), "in the schedule's zone: Friday 22:00");
        assertEquals(Optional.empty(), ScheduledEngine.missedSession(new ScheduleConfig(ScheduleConfig.Kind.INTERVAL, "17:15",
                "America/New_York", 60), friday.atTime(18, 0).atZone(newYork)));
    }

    @Test
    void should_count_a_session_missed_from_its_scheduled_time_until_the_next_weekdays() {
        LocalDate friday = LocalDate.parse("2024-06-07");
        ZoneId newYork = ZoneId.of("America/New_York");
        assertFalse(ScheduledEngine.missed(DAILY, friday, friday.atTime(17, 14).atZone(newYork)), "before its time");
        assertTrue(ScheduledEngine.missed(DAILY, friday, friday.atTime(17, 15).atZone(newYork)), "at its time");
        assertTrue(ScheduledEngine.missed(DAILY, friday, LocalDate.parse("2024-06-10").atTime(9, 0).atZone(newYork)),
                "Monday morning: Monday's cycle, the next one, has not come yet");
        assertFalse(ScheduledEngine.missed(DAILY, friday, LocalDate.parse("2024-06-10").atTime(17, 15).atZone(newYork)),
                "Monday's cycle decides the next session; Friday's would come a session late");
        assertTrue(ScheduledEngine.missed(DAILY, friday, java.time.LocalDateTime.parse("2024-06-07T22:00:00").atZone(ZoneOffset.UTC)),
                "compared in the schedule's zone: 18:00 in New York");
        assertFalse(ScheduledEngine.missed(new ScheduleConfig(ScheduleConfig.Kind.INTERVAL, "17:15", "America/New_York", 60),
                friday, LocalDate.parse("2024-06-08").atTime(12, 0).atZone(newYork)), "an interval schedule's next cycle is near");
    }

    /** An engine whose cycles only record what they were asked; {@code tradeDate} is the cycle's own trade date. */
    private ScheduledEngine recording(BlockingQueue<Call> calls, Supplier<LocalDate> tradeDate) {
        CycleRunner runner = (tickers, date, stop) -> {
            calls.add(new Call(List.copyOf(tickers), date));
            Instant now = Instant.parse("2024-06-03T22:00:00Z");
            return new CycleReport(date, now, now, List.of(), Map.of(), Map.of(), false);
        };
        return new ScheduledEngine(runner, DAILY, WATCHLIST, tradeDate, new Outbox(QuorumDatabase.open(dir.resolve("quorum.db"))),
                Duration.ofMinutes(2), Duration.ofMinutes(30));
    }

    private static Map<String, Optional<CurrentDecision>> stored(Function<String, Optional<CurrentDecision>> current) {
        Map<String, Optional<CurrentDecision>> stored = new LinkedHashMap<>();
        WATCHLIST.forEach(ticker -> stored.put(ticker, current.apply(ticker)));
        return stored;
    }
}
