package dev.quorum.orchestrator.service;

import dev.quorum.memory.store.CurrentDecision;
import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.config.ScheduleConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A restart decides what the process before it left of the latest session (SIGTERM mid-cycle, a crash): the schedule's
 * next cycle decides the next session, so those tickers were otherwise never decided.
 */
class ScheduledEngineResumeTest {

    private static final LocalDate DAY = LocalDate.parse("2024-06-03");
    private static final ScheduleConfig DAILY = new ScheduleConfig(ScheduleConfig.Kind.DAILY, "17:15", "America/New_York", 60);
    private static final List<String> WATCHLIST = List.of("AAPL", "MSFT", "NVDA", "JPM");

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
        CycleRunner runner = (tickers, date, stop) -> {
            calls.add(new Call(List.copyOf(tickers), date));
            Instant now = Instant.parse("2024-06-03T21:20:00Z");
            return new CycleReport(date, now, now, List.of(), Map.of(), Map.of(), false);
        };
        ScheduledEngine engine = new ScheduledEngine(runner, DAILY, WATCHLIST, () -> DAY.plusDays(1),
                new Outbox(QuorumDatabase.open(dir.resolve("quorum.db"))), Duration.ofMinutes(2), Duration.ofMinutes(30));
        try {
            // AAPL final, MSFT provisional, NVDA and JPM abandoned by the SIGTERM.
            engine.resumeLeftOver(() -> DAY, (ticker, date) -> !date.equals(DAY) ? Optional.empty()
                    : ticker.equals("AAPL") ? finalOne(ticker)
                    : ticker.equals("MSFT") ? Optional.of(new CurrentDecision("MSFT-id", true)) : Optional.empty());

            assertEquals(new Call(List.of("MSFT", "NVDA", "JPM"), DAY), calls.poll(10, TimeUnit.SECONDS),
                    "the left-over session's tickers, not the schedule's trade date");
        } finally {
            engine.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void should_leave_a_session_not_begun_or_complete_to_the_schedule() {
        assertEquals(List.of(), ScheduledEngine.leftOver(WATCHLIST, ticker -> Optional.empty()), "not begun");
        assertEquals(List.of(), ScheduledEngine.leftOver(WATCHLIST, ScheduledEngineResumeTest::finalOne), "complete");
        assertEquals(List.of("JPM"), ScheduledEngine.leftOver(WATCHLIST,
                ticker -> ticker.equals("JPM") ? Optional.empty() : finalOne(ticker)));
        assertEquals(List.of("NVDA"), ScheduledEngine.leftOver(WATCHLIST,
                ticker -> ticker.equals("NVDA") ? Optional.of(new CurrentDecision("NVDA-id", true)) : finalOne(ticker)),
                "a provisional decision alone begins the session and is tried again");
    }
}
