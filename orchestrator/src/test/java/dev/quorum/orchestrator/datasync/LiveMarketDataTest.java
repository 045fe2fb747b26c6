package dev.quorum.orchestrator.datasync;

import dev.quorum.testkit.MarketDataTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static dev.quorum.orchestrator.datasync.SyncFixture.DEC_30;
import static dev.quorum.orchestrator.datasync.SyncFixture.DEC_31;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A long-running process's market data, and another process's sync writing under it. */
class LiveMarketDataTest {

    @TempDir
    Path dir;

    private MarketDataTestServer server;
    private SyncFixture fixture;

    @BeforeEach
    void syncedToDecember30() {
        server = SyncFixture.sampleMarket();
        fixture = new SyncFixture(server);
        fixture.stooq(dir, DEC_30).sync(List.of("AAPL"), Optional.empty(), false);
    }

    @AfterEach
    void down() {
        server.close();
    }

    private static LocalDate lastSession(LiveMarketData live) {
        List<LocalDate> sessions = live.calendar().sessions();
        return sessions.get(sessions.size() - 1);
    }

    @Test
    void should_read_the_directory_again_only_after_another_process_changed_it() {
        LiveMarketData live = LiveMarketData.open(dir);
        assertFalse(live.refreshIfChanged(), "nothing changed since it was read");

        // Another process: cron running `bin/quorum data sync`.
        fixture.stooq(dir, DEC_31).sync(List.of("AAPL"), Optional.empty(), false);

        assertEquals(DEC_30, lastSession(live), "not read again before it is asked to");
        assertTrue(live.refreshIfChanged());
        assertEquals(DEC_31, lastSession(live));
        assertEquals(DEC_31, live.dailyBars("AAPL").get(live.dailyBars("AAPL").size() - 1).date());
        assertFalse(live.refreshIfChanged(), "read once per change");
    }

    @Test
    void should_keep_the_data_read_before_while_the_changed_directory_cannot_be_read() throws IOException {
        LiveMarketData live = LiveMarketData.open(dir);
        Path calendar = dir.resolve("prices/SPY.csv");
        String synced = Files.readString(calendar);
        Files.writeString(calendar, "date,open,high\n2024-12-31,1\n"); // written in place, halfway

        assertFalse(live.refreshIfChanged());
        assertEquals(DEC_30, lastSession(live), "the files read before stay in use");
        assertFalse(live.refreshIfChanged(), "still broken: still the data read before");

        Files.writeString(calendar, synced);
        assertTrue(live.refreshIfChanged(), "read once it can be");
        assertEquals(DEC_30, lastSession(live));
    }
}
