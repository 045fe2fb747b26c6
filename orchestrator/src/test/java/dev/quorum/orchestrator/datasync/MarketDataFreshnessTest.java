package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.orchestrator.health.CheckResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code market-data} line of {@code /health}, against a hand-computed case. */
class MarketDataFreshnessTest {

    @TempDir
    Path dir;

    private CsvMarketData market;

    @BeforeEach
    void market() throws IOException {
        market = SyncFixture.staleAaplMarket(dir);
    }

    @Test
    void should_show_each_series_last_date_and_staleness() {
        // Friday 2025-01-03 evening: the last completed session is that day; after 12-31 come 2 sessions (2nd, 3rd;
        // New Year's Day is an exchange holiday).
        MarketDataFreshness check = new MarketDataFreshness(market, List.of("AAPL", "MSFT"), 3,
                SyncFixture.eveningOf(LocalDate.of(2025, 1, 3)));

        CheckResult result = check.check();

        assertEquals("SPY 2024-12-31, AAPL 2024-12-26 (3 session(s) behind), MSFT 2024-12-31; VIX 2024-12-31,"
                + " 10y known to 2024-11, CPI known to 2024-11; calendar 2 session(s) behind 2025-01-03", result.detail());
        assertTrue(result.up());
        assertEquals("market-data", check.name());
        assertFalse(check.required(), "stale data degrades, it does not stop deciding");
    }

    @Test
    void should_show_the_daily_yield_known_at_the_last_session_when_the_file_exists() throws IOException {
        Files.writeString(dir.resolve(CsvMarketData.US10Y_DAILY_FILE), "date,rate\n2024-12-27,4.62\n2024-12-30,4.55\n2024-12-31,4.58\n");
        MarketDataFreshness check = new MarketDataFreshness(CsvMarketData.open(dir), List.of("MSFT"), 3,
                SyncFixture.eveningOf(LocalDate.of(2024, 12, 31)));

        assertTrue(check.check().detail().contains("10y known to 2024-11, 10y daily known to 2024-12-30, CPI"),
                "12-31's rate is published on the next session: " + check.check().detail());
    }

    @Test
    void should_be_down_when_a_ticker_or_the_calendar_is_past_the_limit() {
        assertFalse(new MarketDataFreshness(market, List.of("AAPL"), 2, SyncFixture.eveningOf(LocalDate.of(2024, 12, 31))).check().up(),
                "AAPL 3 sessions behind, limit 2");
        assertFalse(new MarketDataFreshness(market, List.of("MSFT"), 2, SyncFixture.eveningOf(LocalDate.of(2025, 1, 6))).check().up(),
                "calendar 3 sessions behind, limit 2");
        assertTrue(new MarketDataFreshness(market, List.of("MSFT"), 2, SyncFixture.eveningOf(LocalDate.of(2025, 1, 3))).check().up(),
                "2 sessions behind (New Year's Day is no session), limit 2");
        assertTrue(new MarketDataFreshness(market, List.of("MSFT"), 2, SyncFixture.eveningOf(LocalDate.of(2024, 12, 31))).check().up());
    }

    @Test
    void should_show_the_files_another_process_synced_since_the_last_check() throws IOException {
        LiveMarketData live = LiveMarketData.open(dir);
        MarketDataFreshness check = new MarketDataFreshness(live, List.of("AAPL"), 2,
                SyncFixture.eveningOf(LocalDate.of(2024, 12, 31)), live::refreshIfChanged);
        assertFalse(check.check().up(), "AAPL 3 sessions behind, the limit 2");

        // An operator syncs the stale ticker (here: the whole file copied in), then looks at /health again.
        Files.copy(SyncFixture.SAMPLES.resolve("prices/AAPL.csv"), dir.resolve("prices/AAPL.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        CheckResult result = check.check();
        assertTrue(result.up(), result.detail());
        assertTrue(result.detail().startsWith("SPY 2024-12-31, AAPL 2024-12-31;"), result.detail());
    }
}
