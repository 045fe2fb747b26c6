package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.NewsItem;
import dev.quorum.agents.market.NewsSource;
import dev.quorum.orchestrator.config.MarketSyncConfig;
import dev.quorum.testkit.MarketDataTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static dev.quorum.orchestrator.datasync.SyncFixture.DEC_30;
import static dev.quorum.orchestrator.datasync.SyncFixture.DEC_31;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alpaca news into {@code news/headlines/<TICKER>.csv}, read by the point-in-time layer with the after-the-close rule. */
class NewsSyncTest {

    @TempDir
    Path dir;

    private MarketDataTestServer server;
    private SyncFixture fixture;
    private MarketSyncConfig config;

    @BeforeEach
    void up() {
        server = SyncFixture.sampleMarket();
        fixture = new SyncFixture(server);
        config = fixture.config(MarketSyncConfig.PriceProvider.STOOQ, MarketSyncConfig.MacroProvider.NONE,
                MarketSyncConfig.NewsProvider.ALPACA, "test-key-id");
        // 60 wire items on 12-02 (more than one page of 50), then three that test the session rule.
        for (int i = 0; i < 60; i++) {
            server.article(new MarketDataTestServer.Article(1000 + i, String.format("2024-12-02T15:%02d:00Z", i),
                    "Wire item " + i, "", "benzinga", "https://example.com/" + i, List.of("AAPL")));
        }
        server.article(new MarketDataTestServer.Article(1, "2024-12-30T14:31:02Z", "Apple, Inc. ships \"Vision\" update",
                "Two lines\nof summary, with a comma", "benzinga", "https://example.com/a", List.of("AAPL", "MSFT")));
        // 16:30 New York: after the close, so it belongs to the next session, 12-31.
        server.article(new MarketDataTestServer.Article(2, "2024-12-30T21:30:00Z", "Apple after the bell", "",
                "benzinga", "https://example.com/b", List.of("AAPL")));
        server.article(new MarketDataTestServer.Article(3, "2024-12-31T15:00:00Z", "Apple mid-session", "",
                "benzinga", "https://example.com/c", List.of("AAPL")));
    }

    @AfterEach
    void down() {
        server.close();
    }

    @Test
    void should_store_headlines_with_pagination_and_serve_them_after_the_close_rule() {
        MarketDataSync.Report report = fixture.sync(dir, config, DEC_31).sync(List.of("AAPL"), Optional.empty(), false);

        assertTrue(report.complete(), fixture.output.toString());
        assertTrue(fixture.output.toString().contains("news/headlines/AAPL.csv: +63 row(s), last 2024-12-31 (alpaca)"),
                fixture.output.toString());
        List<MarketDataTestServer.Request> requests = server.requests(MarketDataTestServer.ALPACA_NEWS_PATH);
        assertEquals(3, requests.size(), "SPY: 1 page; AAPL: 63 items in pages of 50: 2");
        assertEquals("AAPL", requests.get(1).query().get("symbols"));
        assertEquals("2024-12-02T00:00:00Z", requests.get(1).query().get("start"));
        assertEquals("test-key-id", requests.get(1).keyId());

        CsvMarketData market = CsvMarketData.open(dir);
        List<NewsItem> known30 = market.asOf(DEC_30).news("AAPL");
        List<NewsItem> known31 = market.asOf(DEC_31).news("AAPL");
        assertEquals(61, known30.size(), "the after-close item is not known at 12-30's close");
        assertEquals(63, known31.size());
        NewsItem quoted = known30.get(60);
        assertEquals("Apple, Inc. ships \"Vision\" update", quoted.text());
        assertEquals(NewsSource.NEWS_HEADLINE, quoted.source());
        assertEquals(DEC_30, quoted.session());
        NewsItem afterBell = known31.stream().filter(n -> n.text().equals("Apple after the bell")).findFirst().orElseThrow();
        assertEquals(DEC_31, afterBell.session());
        assertEquals(Instant.parse("2024-12-30T21:30:00Z"), afterBell.publishedAt());
    }

    @Test
    void should_add_only_new_articles_on_the_next_sync() {
        fixture.sync(dir, config, DEC_31).sync(List.of("AAPL"), Optional.empty(), false);
        MarketDataSync.Report again = fixture.sync(dir, config, DEC_31).sync(List.of("AAPL"), Optional.empty(), false);
        assertEquals(MarketDataSync.Status.UP_TO_DATE, again.files().get(3).status(), again.files().get(3).summary());
        assertEquals("2024-12-31T15:00:00Z", server.requests(MarketDataTestServer.ALPACA_NEWS_PATH).get(4).query().get("start"),
                "asks from the last stored second on");

        // Published in the same second as the last stored one: kept, not lost, not doubled.
        server.article(new MarketDataTestServer.Article(4, "2024-12-31T15:00:00Z", "Apple second story", "", "benzinga",
                "https://example.com/d", List.of("AAPL")));
        MarketDataSync.Report third = fixture.sync(dir, config, DEC_31).sync(List.of("AAPL"), Optional.empty(), false);
        assertEquals(1, third.files().get(3).added(), third.files().get(3).summary());
        assertEquals(64, CsvMarketData.open(dir).asOf(DEC_31).news("AAPL").size());
    }
}
