package dev.quorum.orchestrator.datasync;

import dev.quorum.orchestrator.config.MarketSyncConfig;
import dev.quorum.testkit.MarketDataTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static dev.quorum.orchestrator.datasync.SyncFixture.DEC_30;
import static dev.quorum.orchestrator.datasync.SyncFixture.DEC_31;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code market.sync.before_cycle}: sync, reload, then the trade date; a failing or slow sync never blocks the cycle. */
class BeforeCycleSyncTest {

    @TempDir
    Path dir;

    private MarketDataTestServer server;
    private SyncFixture fixture;
    private LiveMarketData live;

    @BeforeEach
    void up() {
        server = SyncFixture.sampleMarket();
        fixture = new SyncFixture(server);
        fixture.stooq(dir, DEC_30).sync(List.of("AAPL"), Optional.empty(), false);
        live = LiveMarketData.open(dir);
    }

    @AfterEach
    void down() {
        server.close();
    }

    private LocalDate lastSession() {
        List<LocalDate> sessions = live.calendar().sessions();
        return sessions.get(sessions.size() - 1);
    }

    private BeforeCycleSync beforeCycle(MarketDataSync sync, Duration timeout) {
        return new BeforeCycleSync(sync, List.of("AAPL"), timeout, live::reload, this::lastSession);
    }

    @Test
    void should_sync_and_reload_before_returning_the_trade_date() {
        assertEquals(DEC_30, lastSession());

        assertEquals(DEC_31, beforeCycle(fixture.stooq(dir, DEC_31), Duration.ofMinutes(1)).get());
        assertEquals(DEC_31, live.dailyBars("AAPL").get(live.dailyBars("AAPL").size() - 1).date());
    }

    @Test
    void should_decide_on_the_data_there_is_when_the_provider_is_down() {
        server.dieMidStream(MarketDataTestServer.STOOQ_PATH, null);

        assertEquals(DEC_30, beforeCycle(fixture.stooq(dir, DEC_31), Duration.ofMinutes(1)).get());
    }

    @Test
    void should_give_up_on_a_sync_past_its_timeout() {
        CountDownLatch never = new CountDownLatch(1);
        PriceSource hanging = new PriceSource() {
            @Override
            public String name() {
                return "hanging";
            }

            @Override
            public List<FetchedBar> dailyBars(String ticker, LocalDate from, LocalDate to) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }
        };
        MarketSyncConfig config = fixture.config(MarketSyncConfig.PriceProvider.STOOQ, MarketSyncConfig.MacroProvider.NONE, null);
        MarketDataSync sync = new MarketDataSync(dir, config, hanging, Optional.empty(), Optional.empty(), SyncFixture.eveningOf(DEC_31),
                new PrintWriter(Writer.nullWriter()));

        assertEquals(DEC_30, beforeCycle(sync, Duration.ofMillis(200)).get());
    }
}
