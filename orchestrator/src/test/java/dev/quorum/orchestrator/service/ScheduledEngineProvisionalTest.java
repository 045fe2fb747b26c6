package dev.quorum.orchestrator.service;

import dev.quorum.envelope.Verdict;
import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.config.ScheduleConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.cycle.TickerDecision;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code serve} tries provisional tickers again by itself, only those, on the same trade date, until they are final. */
class ScheduledEngineProvisionalTest {

    private static final LocalDate DAY = LocalDate.parse("2024-06-03");
    private static final ScheduleConfig DAILY = new ScheduleConfig(ScheduleConfig.Kind.DAILY, "17:15", "America/New_York", 60);

    @TempDir
    Path dir;

    private record Call(List<String> tickers, LocalDate date) {
    }

    private static TickerDecision decision(String ticker, boolean provisional) {
        return new TickerDecision(ticker, Verdict.HOLD, 0.0, 0.0, provisional ? 0 : 4, 4, ticker + "-id", List.of(),
                provisional, Optional.empty());
    }

    private static CycleReport report(LocalDate date, List<TickerDecision> decided) {
        Instant now = Instant.parse("2024-06-03T21:15:00Z");
        return new CycleReport(date, now, now, decided, Map.of(), Map.of(), false);
    }

    @Test
    void should_retry_only_the_provisional_tickers_until_they_are_final() throws Exception {
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        AtomicInteger made = new AtomicInteger();
        CycleRunner runner = (tickers, date, stop) -> {
            calls.add(new Call(List.copyOf(tickers), date));
            return switch (made.incrementAndGet()) {
                case 1 -> report(date, List.of(decision("AAPL", true), decision("MSFT", false), decision("NVDA", true)));
                case 2 -> report(date, List.of(decision("AAPL", false), decision("NVDA", true)));
                default -> report(date, List.of(decision("NVDA", false)));
            };
        };
        ScheduledEngine engine = new ScheduledEngine(runner, DAILY, List.of("AAPL", "MSFT", "NVDA"), () -> DAY,
                outbox(), Duration.ofMillis(1), Duration.ofMillis(4));

        engine.scan();

        assertEquals(new Call(List.of("AAPL", "MSFT", "NVDA"), DAY), calls.poll(10, TimeUnit.SECONDS));
        assertEquals(new Call(List.of("AAPL", "NVDA"), DAY), calls.poll(10, TimeUnit.SECONDS));
        assertEquals(new Call(List.of("NVDA"), DAY), calls.poll(10, TimeUnit.SECONDS));
        engine.shutdown(Duration.ofSeconds(10));
        assertNull(calls.poll(), "no try once every decision is final");
    }

    private Outbox outbox() {
        return new Outbox(QuorumDatabase.open(dir.resolve("quorum.db")));
    }

    @Test
    void should_stop_trying_when_the_trade_date_moves_on() throws Exception {
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        AtomicReference<LocalDate> today = new AtomicReference<>(DAY);
        CountDownLatch retryLookedAtTheDate = new CountDownLatch(2);
        CycleRunner runner = (tickers, date, stop) -> {
            calls.add(new Call(List.copyOf(tickers), date));
            // The next session's data arrives while the first cycle runs.
            today.set(DAY.plusDays(1));
            return report(date, List.of(decision("AAPL", true)));
        };
        ScheduledEngine engine = new ScheduledEngine(runner, DAILY, List.of("AAPL"), () -> {
            retryLookedAtTheDate.countDown();
            return today.get();
        }, outbox(), Duration.ofMillis(1), Duration.ofMillis(1));

        engine.scan();
        assertTrue(retryLookedAtTheDate.await(10, TimeUnit.SECONDS), "the retry ran");
        engine.shutdown(Duration.ofSeconds(10));

        assertEquals(1, calls.size(), calls.toString());
    }

    @Test
    void should_keep_trying_when_reading_the_latest_session_fails() throws Exception {
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        AtomicInteger made = new AtomicInteger();
        CycleRunner runner = (tickers, date, stop) -> {
            calls.add(new Call(List.copyOf(tickers), date));
            return report(date, List.of(decision("AAPL", made.incrementAndGet() < 2)));
        };
        AtomicInteger looks = new AtomicInteger();
        ScheduledEngine engine = new ScheduledEngine(runner, DAILY, List.of("AAPL"), () -> DAY, () -> {
            if (looks.incrementAndGet() == 1) {
                throw new IllegalStateException("prices/AAPL.csv: cannot read it");
            }
            return DAY;
        }, outbox(), Duration.ofMillis(1), Duration.ofMillis(2), java.time.Clock.systemUTC());

        engine.scan();
        assertEquals(new Call(List.of("AAPL"), DAY), calls.poll(10, TimeUnit.SECONDS));
        assertEquals(new Call(List.of("AAPL"), DAY), calls.poll(10, TimeUnit.SECONDS), "tried again after the failed look");
        engine.shutdown(Duration.ofSeconds(10));

        assertEquals(2, looks.get(), "the failed look, then the one before the try");
    }

    @Test
    void should_try_provisional_decisions_again_without_syncing_the_market_data_each_time() throws Exception {
        BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        AtomicInteger made = new AtomicInteger();
        CycleRunner runner = (tickers, date, stop) -> {
            calls.add(new Call(List.copyOf(tickers), date));
            return report(date, List.of(decision("AAPL", made.incrementAndGet() < 3)));
        };
        AtomicInteger syncs = new AtomicInteger();
        AtomicInteger looks = new AtomicInteger();
        ScheduledEngine engine = new ScheduledEngine(runner, DAILY, List.of("AAPL"), () -> {
            syncs.incrementAndGet(); // market.sync.before_cycle: the providers are asked, then the files read
            return DAY;
        }, () -> {
            looks.incrementAndGet(); // the files as they stand
            return DAY;
        }, outbox(), Duration.ofMillis(1), Duration.ofMillis(2), java.time.Clock.systemUTC());

        engine.scan();
        for (int i = 0; i < 3; i++) {
            assertEquals(new Call(List.of("AAPL"), DAY), calls.poll(10, TimeUnit.SECONDS));
        }
        engine.shutdown(Duration.ofSeconds(10));

        assertEquals(1, syncs.get(), "the scan's own sync, none for its two tries");
        assertEquals(2, looks.get(), "each try looks whether the trade date moved on");
    }
}
