package dev.quorum.orchestrator.runtime;

import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service started after its daily cycle's time, down when it came: the start decides that session, whole, on the
 * real runtime (store, market data, cycle), not only a ticker the last run left.
 */
class MissedSessionTest {

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    @TempDir
    Path dir;

    @Test
    void should_decide_at_start_the_latest_session_whose_daily_cycle_the_service_was_down_for() throws Exception {
        List<LocalDate> lastTwo = QuorumRig.lastSessions(QuorumRig.sampleMarket(), 2);
        LocalDate previous = lastTwo.get(0);
        LocalDate missed = lastTwo.get(1);
        QuorumConfig config = QuorumRig.config(dir, QuorumRig.sampleMarket(), REDIS.url(), "");
        try (QuorumRuntime runtime = QuorumRuntime.open(config, PublishTarget.REDIS)) {
            QuorumRig.decideAll(runtime, QuorumRig.TICKERS, previous);
            assertEquals(missed, runtime.latestSession());
            // 18:00 in New York on the missed session's day: its 17:15 cycle has passed, the next weekday's has not.
            Clock evening = Clock.fixed(missed.atTime(LocalTime.of(18, 0)).atZone(ZoneId.of("America/New_York")).toInstant(),
                    ZoneId.of("UTC"));

            RoleWork work = RoleWork.all(runtime, () -> missed, evening);
            try {
                // The start decides on the scheduler's thread: no event to wait on, so a bounded poll of the store.
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (!QuorumRig.TICKERS.stream().allMatch(t -> runtime.store().currentDecision(t, missed).isPresent())) {
                    assertTrue(System.nanoTime() < deadline, "the missed session " + missed + " decided at start within 120 s");
                    Thread.sleep(20);
                }
            } finally {
                assertTrue(work.stop().getAsBoolean(), "stopped within its wait");
            }
            assertEquals(missed, work.engine().status().lastCycle().orElseThrow().tradeDate());
        }
    }
}
