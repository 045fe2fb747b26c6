package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.MarketDataException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A ticker whose prices end before the calendar's: decided from its last bar within the limit, refused beyond. */
class StalenessTest {

    private static final LocalDate DEC_31 = SyncFixture.DEC_31;

    @TempDir
    Path dir;

    private CsvMarketData market;

    @BeforeEach
    void market() throws IOException {
        market = SyncFixture.staleAaplMarket(dir);
    }

    @Test
    void should_decide_a_ticker_within_the_limit_from_its_last_bar_and_say_how_far_behind() {
        Staleness.Verdict verdict = Staleness.limitedTo(market, 3, Optional.empty()).check("AAPL", DEC_31);

        assertEquals(new Staleness.Verdict(LocalDate.of(2024, 12, 26), 3), verdict);
        assertEquals(List.of("market data 3 session(s) behind: last bar 2024-12-26, features as of that close"),
                verdict.degraded());
        assertEquals(new Staleness.Verdict(LocalDate.of(2024, 12, 26), 1),
                Staleness.limitedTo(market, 3, Optional.empty()).check("AAPL", LocalDate.of(2024, 12, 27)));
    }

    @Test
    void should_find_a_current_ticker_current() {
        Staleness.Verdict verdict = Staleness.limitedTo(market, 0, Optional.empty()).check("MSFT", DEC_31);
        assertEquals(new Staleness.Verdict(DEC_31, 0), verdict);
        assertEquals(List.of(), verdict.degraded());
    }

    @Test
    void should_say_how_many_exchange_sessions_the_whole_data_set_is_behind_today() {
        // Monday 2025-01-06 evening: 01-02, 01-03 and 01-06 completed after the data's 2024-12-31 (01-01 is a holiday).
        Staleness live = Staleness.limitedTo(market, 3, Optional.of(SyncFixture.eveningOf(LocalDate.of(2025, 1, 6))));

        assertEquals(List.of("market data set 3 session(s) behind the last completed session 2025-01-06: its newest"
                + " session is 2024-12-31 (run bin/quorum data sync)"), live.check("MSFT", DEC_31).degraded());
        assertEquals(List.of("market data 3 session(s) behind: last bar 2024-12-26, features as of that close",
                "market data set 3 session(s) behind the last completed session 2025-01-06: its newest session is 2024-12-31"
                        + " (run bin/quorum data sync)"), live.check("AAPL", DEC_31).degraded(), "both lags, each once");
        assertEquals(List.of(), live.check("MSFT", LocalDate.of(2024, 12, 27)).degraded(), "a backfill is not about today");
        // Thursday 2025-01-02 at noon: the last completed session is still 2024-12-31.
        Staleness morning = Staleness.limitedTo(market, 3, Optional.of(java.time.Clock.fixed(
                java.time.Instant.parse("2025-01-02T17:00:00Z"), java.time.ZoneOffset.UTC)));
        assertEquals(List.of(), morning.check("MSFT", DEC_31).degraded());
    }

    @Test
    void should_refuse_a_ticker_beyond_the_limit() {
        MarketDataException e = assertThrows(MarketDataException.class, () -> Staleness.limitedTo(market, 2, Optional.empty()).check("AAPL", DEC_31));
        assertEquals("AAPL: last bar 2024-12-26 is 3 session(s) behind the trade date 2024-12-31, more than"
                + " market.sync.max_stale_sessions = 2: not decided (run bin/quorum data sync)", e.getMessage());
    }
}
