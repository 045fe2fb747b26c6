package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.features.FeatureCalculator;
import dev.quorum.agents.features.FeatureKeys;
import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.PriceBar;
import dev.quorum.orchestrator.config.MarketSyncConfig;
import dev.quorum.testkit.ManualClock;
import dev.quorum.testkit.MarketDataTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.quorum.orchestrator.datasync.SyncFixture.DEC_30;
import static dev.quorum.orchestrator.datasync.SyncFixture.DEC_31;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link MarketDataSync} against protocol-faithful local Stooq, Alpaca and FRED servers serving the sample's real bars. */
class MarketDataSyncTest {

    @TempDir
    Path dir;

    private MarketDataTestServer server;
    private SyncFixture fixture;

    @BeforeEach
    void up() {
        server = SyncFixture.sampleMarket();
        fixture = new SyncFixture(server);
    }

    @AfterEach
    void down() {
        server.close();
    }

    private List<PriceBar> stored(String ticker) {
        return CsvMarketData.readPriceFile(dir.resolve("prices/" + ticker + ".csv"));
    }

    private static List<PriceBar> sample(String ticker, LocalDate from, LocalDate to) {
        return CsvMarketData.readPriceFile(SyncFixture.SAMPLES.resolve("prices/" + ticker + ".csv")).stream()
                .filter(b -> !b.date().isBefore(from) && !b.date().isAfter(to)).toList();
    }

    @Test
    void should_fill_an_empty_directory_from_stooq_with_adj_close_equal_to_close() {
        MarketDataSync.Report report = fixture.stooq(dir, DEC_31).sync(List.of("AAPL"), Optional.empty(), false);

        assertTrue(report.complete(), fixture.output.toString());
        assertEquals(List.of("prices/SPY.csv", "prices/AAPL.csv"), report.files().stream().map(MarketDataSync.FileResult::file).toList());
        List<PriceBar> aapl = stored("AAPL");
        List<PriceBar> expected = sample("AAPL", LocalDate.of(2024, 12, 2), DEC_31);
        assertEquals(21, aapl.size());
        for (int i = 0; i < aapl.size(); i++) {
            PriceBar got = aapl.get(i);
            assertEquals(expected.get(i).date(), got.date());
            assertEquals(expected.get(i).close(), got.close());
            assertEquals(got.close(), got.adjClose(), "a new file's adjustment factor is 1");
            assertEquals(0, got.dividend());
        }
        assertTrue(fixture.output.toString().contains("prices/AAPL.csv: +21 row(s), last 2024-12-31 (stooq)"), fixture.output.toString());
        MarketDataTestServer.Request request = server.requests(MarketDataTestServer.STOOQ_PATH).get(1);
        assertEquals("aapl.us", request.query().get("s"));
        assertEquals("20241202", request.query().get("d1"));
        assertEquals("20241231", request.query().get("d2"));
        assertEquals(42, fixture.counter("quorum.market.sync.rows", "stooq"));
    }

    @Test
    void should_add_only_the_new_session_on_a_second_sync_and_nothing_on_a_third() throws IOException {
        fixture.stooq(dir, DEC_30).sync(List.of("AAPL"), Optional.empty(), false);
        assertEquals(DEC_30, stored("AAPL").get(stored("AAPL").size() - 1).date());
        // The stored history carries a dividend adjustment (Yahoo's adj_close); new bars continue it.
        Path file = dir.resolve("prices/AAPL.csv");
        Files.writeString(file, Files.readString(file).replace("252.199997,252.199997,", "252.199997,250.598897,"));

        MarketDataSync.Report second = fixture.stooq(dir, DEC_31).sync(List.of("AAPL"), Optional.empty(), false);
        MarketDataSync.FileResult aapl = second.files().get(1);
        assertEquals(MarketDataSync.Status.UPDATED, aapl.status(), aapl.summary());
        assertEquals(1, aapl.added());
        assertEquals(Optional.of(DEC_31), aapl.lastDate());
        PriceBar last = stored("AAPL").get(stored("AAPL").size() - 1);
        assertEquals(250.419998, last.close());
        // 250.419998 * (250.598897 / 252.199997) = 250.419998 * 0.9936514... = 248.830198 (6 decimals)
        assertEquals(248.830198, last.adjClose(), 1e-9);
        assertEquals("20241223", server.requests(MarketDataTestServer.STOOQ_PATH).get(3).query().get("d1"), "overlap of 7 days");

        byte[] before = Files.readAllBytes(file);
        MarketDataSync.Report third = fixture.stooq(dir, DEC_31).sync(List.of("AAPL"), Optional.empty(), false);
        assertEquals(MarketDataSync.Status.UP_TO_DATE, third.files().get(1).status());
        assertEquals(0, third.rowsAdded());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "an up-to-date file is not rewritten");
    }

    @Test
    void should_hold_back_a_split_until_revisions_are_allowed_then_rewrite_the_whole_history() throws IOException {
        fixture.stooq(dir, DEC_30).sync(List.of("AAPL"), Optional.empty(), false);
        byte[] before = Files.readAllBytes(dir.resolve("prices/AAPL.csv"));
        // A 4-for-1 split after the 31st: the provider now serves every past price divided by 4.
        server.bars("AAPL", SyncFixture.sampleBars("AAPL").stream().map(b -> new MarketDataTestServer.Bar(b.date(),
                b.open() / 4, b.high() / 4, b.low() / 4, b.close() / 4, b.volume() * 4)).toList());

        MarketDataSync.Report held = fixture.stooq(dir, DEC_31).sync(List.of("AAPL"), Optional.empty(), false);
        MarketDataSync.FileResult pending = held.files().get(1);
        assertEquals(MarketDataSync.Status.REVISIONS_PENDING, pending.status());
        assertFalse(held.complete());
        assertEquals(5, pending.revised(), "the overlap 12-23 .. 12-30 holds 5 stored sessions");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("prices/AAPL.csv"))), "nothing written");
        assertTrue(fixture.output.toString().contains("revision not applied: AAPL 2024-12-30: open 252.229996 -> 63.057499"),
                fixture.output.toString());

        MarketDataSync.Report applied = fixture.stooq(dir, DEC_31).sync(List.of("AAPL"), Optional.empty(), true);
        MarketDataSync.FileResult aapl = applied.files().get(1);
        assertEquals(MarketDataSync.Status.UPDATED, aapl.status(), aapl.summary());
        assertEquals(20, aapl.revised(), "the whole stored history, not only the overlap");
        assertEquals(1, aapl.added());
        List<PriceBar> bars = stored("AAPL");
        assertEquals(21, bars.size());
        assertEquals(252.199997 / 4, bars.get(19).close(), 1e-9);
        assertEquals(250.419998 / 4, bars.get(20).close(), 1e-9);
        assertTrue(fixture.output.toString().contains("revised AAPL 2024-12-02: open "), fixture.output.toString());
    }

    @Test
    void should_page_through_alpaca_bars_with_the_key_headers_and_map_them_like_stooq() {
        server.alpacaPageSize(5);
        MarketSyncConfig config = fixture.config(MarketSyncConfig.PriceProvider.ALPACA, MarketSyncConfig.MacroProvider.NONE, "test-key-id");
        MarketDataSync.Report report = fixture.sync(dir, config, DEC_31).sync(List.of("AAPL"), Optional.empty(), false);

        assertTrue(report.complete(), fixture.output.toString());
        List<PriceBar> bars = stored("AAPL");
        List<PriceBar> expected = sample("AAPL", LocalDate.of(2024, 12, 2), DEC_31);
        assertEquals(expected.stream().map(PriceBar::date).toList(), bars.stream().map(PriceBar::date).toList(),
                "each bar's t (midnight New York in UTC) maps to its session");
        assertEquals(expected.get(20).close(), bars.get(20).close());
        List<MarketDataTestServer.Request> requests = server.requests(MarketDataTestServer.ALPACA_BARS_PATH);
        assertEquals(10, requests.size(), "21 bars in pages of 5: 5 requests per ticker");
        MarketDataTestServer.Request first = requests.get(0);
        assertEquals("1Day", first.query().get("timeframe"));
        assertEquals("all", first.query().get("adjustment"));
        assertEquals("iex", first.query().get("feed"));
        assertEquals("test-key-id", first.keyId());
        assertEquals("test-secret-key", first.secretKey());
        assertFalse(first.query().containsKey("page_token"));
        assertTrue(requests.get(1).query().containsKey("page_token"));
    }

    @Test
    void should_retry_429_and_5xx_with_backoff_then_succeed() {
        server.failNext(MarketDataTestServer.ALPACA_BARS_PATH, 429, "{\"message\":\"too many requests.\"}")
                .failNext(MarketDataTestServer.ALPACA_BARS_PATH, 503, "upstream unavailable");
        MarketSyncConfig config = fixture.config(MarketSyncConfig.PriceProvider.ALPACA, MarketSyncConfig.MacroProvider.NONE, "test-key-id");
        MarketDataSync.Report report = fixture.sync(dir, config, DEC_31).sync(List.of(), Optional.empty(), false);

        assertTrue(report.complete(), fixture.output.toString());
        assertEquals(3, server.requests(MarketDataTestServer.ALPACA_BARS_PATH).size());
        assertEquals(0, fixture.counter("quorum.market.sync.failures", "alpaca"));
        assertEquals(21, fixture.counter("quorum.market.sync.rows", "alpaca"));
    }

    @Test
    void should_wait_as_long_as_retry_after_asks_before_the_next_attempt() {
        // Backoff is 1 ms in this configuration: only the header can make the client wait a second.
        server.failNext(MarketDataTestServer.ALPACA_BARS_PATH, 429, "{\"message\":\"too many requests.\"}", "1");
        MarketSyncConfig config = fixture.config(MarketSyncConfig.PriceProvider.ALPACA, MarketSyncConfig.MacroProvider.NONE, "test-key-id");
        MarketDataSync.Report report = fixture.sync(dir, config, DEC_31).sync(List.of(), Optional.empty(), false);

        assertTrue(report.complete(), fixture.output.toString());
        List<MarketDataTestServer.Request> requests = server.requests(MarketDataTestServer.ALPACA_BARS_PATH);
        assertEquals(2, requests.size());
        Duration waited = Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt());
        assertTrue(waited.compareTo(Duration.ofSeconds(1)) >= 0, "Retry-After: 1 honoured, waited " + waited);
    }

    @Test
    void should_fail_at_once_when_retry_after_would_end_past_the_sync_time_limit() {
        server.failNext(MarketDataTestServer.STOOQ_PATH, 429, "Too Many Requests", "3600");
        MarketDataSync.Report report = fixture.stooq(dir, DEC_31).sync(List.of(), Optional.empty(), false);

        assertFalse(report.complete());
        assertEquals(1, server.requests(MarketDataTestServer.STOOQ_PATH).size(), "an hour's wait is not worth it: not retried");
        String summary = report.files().get(0).summary();
        assertTrue(summary.contains("HTTP 429 (Too Many Requests) asks to wait 3600 s (Retry-After), past the sync's"
                + " time limit (market.sync.timeout_seconds = 60): not retried"), summary);
        assertEquals(1, fixture.counter("quorum.market.sync.failures", "stooq"));
    }

    @Test
    void should_read_retry_after_as_seconds_or_as_an_http_date() {
        Instant now = Instant.parse("2015-10-21T07:27:30Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), ProviderClient.retryAfter(Optional.of(" 120 "), now));
        assertEquals(Optional.of(Duration.ofSeconds(30)), ProviderClient.retryAfter(Optional.of("Wed, 21 Oct 2015 07:28:00 GMT"), now));
        assertEquals(Optional.of(Duration.ZERO), ProviderClient.retryAfter(Optional.of("Wed, 21 Oct 2015 07:00:00 GMT"), now));
        assertEquals(Optional.empty(), ProviderClient.retryAfter(Optional.of("soon"), now));
        assertEquals(Optional.empty(), ProviderClient.retryAfter(Optional.empty(), now));
    }

    @Test
    void should_stop_with_one_line_when_alpaca_refuses_the_key() {
        MarketSyncConfig config = fixture.config(MarketSyncConfig.PriceProvider.ALPACA, MarketSyncConfig.MacroProvider.NONE, "wrong-key");
        SyncFailure failure = assertThrows(SyncFailure.class,
                () -> fixture.sync(dir, config, DEC_31).sync(List.of("AAPL"), Optional.empty(), false));

        assertEquals(SyncFailure.Kind.AUTH, failure.kind());
        assertTrue(failure.getMessage().startsWith("alpaca refused the request with HTTP 401 ({\"message\":\"unauthorized.\"})"),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"));
        assertEquals(1, server.requests(MarketDataTestServer.ALPACA_BARS_PATH).size(), "a refused key is not retried");
        assertEquals(1, fixture.counter("quorum.market.sync.failures", "alpaca"));
    }

    @Test
    void should_report_an_unknown_symbol_and_sync_the_other_files() {
        MarketDataSync.Report report = fixture.stooq(dir, DEC_31).sync(List.of("ZZZZ", "AAPL"), Optional.empty(), false);

        assertFalse(report.complete());
        MarketDataSync.FileResult unknown = report.files().get(1);
        assertEquals(MarketDataSync.Status.FAILED, unknown.status());
        assertEquals("prices/ZZZZ.csv: FAILED, no data (stooq): unknown symbol: stooq has no bars for ZZZZ from 2024-12-02"
                + " to 2024-12-31", unknown.summary());
        assertFalse(Files.exists(dir.resolve("prices/ZZZZ.csv")));
        assertEquals(MarketDataSync.Status.UPDATED, report.files().get(2).status());
    }

    @Test
    void should_report_a_symbol_alpaca_has_no_bars_for_as_unknown() {
        MarketSyncConfig config = fixture.config(MarketSyncConfig.PriceProvider.ALPACA, MarketSyncConfig.MacroProvider.NONE, "test-key-id");
        MarketDataSync.Report report = fixture.sync(dir, config, DEC_31).sync(List.of("ZZZZ"), Optional.empty(), false);

        assertEquals("prices/ZZZZ.csv: FAILED, no data (alpaca): unknown symbol: alpaca has no bars for ZZZZ from 2024-12-02"
                + " to 2024-12-31", report.files().get(1).summary());
    }

    @Test
    void should_fail_a_file_in_one_line_when_stooq_answers_a_text_page_instead_of_csv() {
        // Stooq answers an over-quota client with status 200 and a text page.
        server.failNext(MarketDataTestServer.STOOQ_PATH, 200, "Exceeded the daily hits limit");

        MarketDataSync.Report report = fixture.stooq(dir, DEC_31).sync(List.of(), Optional.empty(), false);

        assertEquals("prices/SPY.csv: FAILED, no data (stooq): stooq: SPY: expected a CSV starting with"
                + " Date,Open,High,Low,Close,Volume, got 'Exceeded the daily hits limit'", report.files().get(0).summary());
    }

    @Test
    void should_keep_every_file_valid_when_the_server_dies_mid_stream() throws IOException {
        fixture.stooq(dir, DEC_30).sync(List.of("AAPL"), Optional.empty(), false);
        byte[] before = Files.readAllBytes(dir.resolve("prices/AAPL.csv"));
        server.dieMidStream(MarketDataTestServer.STOOQ_PATH, "AAPL");

        MarketDataSync.Report report = fixture.stooq(dir, DEC_31).sync(List.of("AAPL"), Optional.empty(), false);

        MarketDataSync.FileResult aapl = report.files().get(1);
        assertEquals(MarketDataSync.Status.FAILED, aapl.status());
        assertTrue(aapl.problem().startsWith("stooq: AAPL daily bars: connection failed"), aapl.problem());
        assertEquals(Optional.of(DEC_30), aapl.lastDate());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("prices/AAPL.csv"))));
        assertEquals(MarketDataSync.Status.UPDATED, report.files().get(0).status(), "SPY still synced");
        assertEquals(2 + 1 + 3, server.requests(MarketDataTestServer.STOOQ_PATH).size(), "first sync 2, then SPY and 3 attempts for AAPL");
        assertEquals(1, fixture.counter("quorum.market.sync.failures", "stooq"));
        assertNoPartialFiles();
        assertEquals(DEC_31, CsvMarketData.open(dir).calendar().sessions().get(21 - 1));
    }

    @Test
    void should_remove_the_partial_file_of_a_killed_sync() throws IOException {
        fixture.stooq(dir, DEC_30).sync(List.of("AAPL"), Optional.empty(), false);
        // What a sync killed between writing and renaming leaves: a half-written temporary file.
        Files.writeString(dir.resolve("prices/AAPL.csv.sync-4242.partial"), "date,open,high,low,close,adj_close,volume,dividend\n2024-12-31,25");
        assertEquals(java.util.Set.of("AAPL", "SPY"), CsvMarketData.open(dir).tickers(), "the leftover is no ticker");

        assertTrue(fixture.stooq(dir, DEC_31).sync(List.of("AAPL"), Optional.empty(), false).complete());
        assertNoPartialFiles();
    }

    @Test
    void should_append_fred_series_to_the_stored_macro_files_skipping_holidays() throws IOException {
        Files.createDirectories(dir.resolve("macro"));
        // The stored files end before the provider does: VIX on 2024-12-20, the monthly series in 2024-10.
        copyHead("macro/vix-daily.csv", "2024-12-20");
        copyHead("macro/us10y-monthly.csv", "2024-10-01");
        copyHead("macro/cpi-us-monthly.csv", "2024-10-01");
        MarketSyncConfig config = fixture.config(MarketSyncConfig.PriceProvider.STOOQ, MarketSyncConfig.MacroProvider.FRED, null);

        MarketDataSync.Report report = fixture.sync(dir, config, DEC_31).sync(List.of(), Optional.empty(), false);

        assertTrue(report.complete(), fixture.output.toString());
        MarketDataSync.FileResult vix = report.files().get(1);
        assertEquals("macro/vix-daily.csv: +6 row(s), last 2024-12-31 (fred VIXCLS, known at that session's close)", vix.summary());
        assertEquals(Files.readString(SyncFixture.SAMPLES.resolve("macro/vix-daily.csv")).lines().count(),
                Files.readString(dir.resolve("macro/vix-daily.csv")).lines().count(), "12-25 (empty on FRED) skipped");
        assertTrue(Files.readString(dir.resolve("macro/vix-daily.csv")).endsWith("\n2024-12-31,,,,17.35\n"));
        assertEquals("macro/cpi-us-monthly.csv: +2 row(s), last 2024-12-01 (fred CPIAUCNS, known from the 15th of the next month)",
                report.files().get(3).summary());
        // The stored CPI file's month-over-month column, recomputed: 315.605 / 315.493 - 1 = 0.0355 % -> 0.04
        assertTrue(Files.readString(dir.resolve("macro/cpi-us-monthly.csv")).endsWith("2024-12-01,315.605,0.04\n"));
        assertEquals(CsvMarketData.readMacroFile(SyncFixture.SAMPLES.resolve("macro/us10y-monthly.csv"), dev.quorum.agents.market.MacroSeries.US10Y_YIELD),
                CsvMarketData.readMacroFile(dir.resolve("macro/us10y-monthly.csv"), dev.quorum.agents.market.MacroSeries.US10Y_YIELD));
        assertEquals("2024-11-01", server.requests(MarketDataTestServer.FRED_PATH).get(1).query().get("cosd"));
        assertEquals("CPIAUCNS\n", Files.readString(dir.resolve("macro/cpi-us-monthly.series")), "the file now records its series");
    }

    @Test
    void should_sync_daily_dgs10_into_its_own_file_read_a_session_after_each_date() throws IOException {
        MarketSyncConfig config = fixture.config(MarketSyncConfig.PriceProvider.STOOQ, MarketSyncConfig.MacroProvider.FRED, null);

        MarketDataSync.Report report = fixture.sync(dir, config, DEC_31).sync(List.of(), Optional.empty(), false);

        assertTrue(report.complete(), fixture.output.toString());
        assertEquals("macro/us10y-daily.csv: +21 row(s), last 2024-12-31 (fred DGS10, known from the next session's close)",
                report.files().get(4).summary(), "22 weekdays from 12-02, Christmas ('.' on FRED) skipped");
        String daily = Files.readString(dir.resolve("macro/us10y-daily.csv"));
        assertTrue(daily.startsWith("date,rate\n2024-12-02,4.19\n2024-12-03,4.23\n"), daily);
        assertTrue(daily.contains("\n2024-12-24,4.59\n2024-12-26,4.58\n"), daily);
        assertEquals("2024-12-02", server.requests(MarketDataTestServer.FRED_PATH).stream()
                .filter(r -> r.query().get("id").equals("DGS10")).findFirst().orElseThrow().query().get("cosd"));
        // The point-in-time layer reads it: at 12-30's close the last published rate is Friday 12-27's.
        Map<String, Object> features = new FeatureCalculator().features(CsvMarketData.open(dir).asOf(DEC_30), "SPY");
        assertEquals(4.62, features.get(FeatureKeys.US10Y_YIELD));
        assertEquals("2024-12-27", features.get(FeatureKeys.US10Y_AS_OF));
        assertEquals(FeatureCalculator.US10Y_DAILY_SOURCE, features.get(FeatureKeys.US10Y_SOURCE));

        MarketDataSync.Report again = fixture.sync(dir, config, DEC_31).sync(List.of(), Optional.empty(), false);
        assertEquals("macro/us10y-daily.csv: up to date, last 2024-12-31 (fred DGS10, known from the next session's close)",
                again.files().get(4).summary());
        assertEquals(daily, Files.readString(dir.resolve("macro/us10y-daily.csv")));
    }

    @Test
    void should_refuse_to_append_cpiaucsl_to_the_stored_cpiaucns_file_naming_both() throws IOException {
        Files.createDirectories(dir.resolve("macro"));
        copyHead("macro/cpi-us-monthly.csv", "2024-10-01");
        String stored = Files.readString(dir.resolve("macro/cpi-us-monthly.csv"));
        fixture.cpiSeries = MarketSyncConfig.CpiSeries.CPIAUCSL;
        MarketSyncConfig config = fixture.config(MarketSyncConfig.PriceProvider.STOOQ, MarketSyncConfig.MacroProvider.FRED, null);

        MarketDataSync.Report report = fixture.sync(dir, config, DEC_31).sync(List.of(), Optional.empty(), false);

        assertEquals("macro/cpi-us-monthly.csv: FAILED, last 2024-10-01 (fred CPIAUCSL, known from the 15th of the next month):"
                + " macro/cpi-us-monthly.csv holds CPIAUCNS (no macro/cpi-us-monthly.series: the shipped series),"
                + " market.sync.fred.cpi_series asks for CPIAUCSL: not appended (set cpi_series back, or move the file away"
                + " to start a CPIAUCSL file)", report.files().get(3).summary());
        assertFalse(report.complete());
        assertEquals(stored, Files.readString(dir.resolve("macro/cpi-us-monthly.csv")));
        assertFalse(Files.exists(dir.resolve("macro/cpi-us-monthly.series")));
        assertFalse(server.requests(MarketDataTestServer.FRED_PATH).stream().anyMatch(r -> r.query().get("id").equals("CPIAUCSL")));
    }

    @Test
    void should_start_a_cpiaucsl_file_that_records_its_series_and_refuses_cpiaucns() throws IOException {
        fixture.cpiSeries = MarketSyncConfig.CpiSeries.CPIAUCSL;
        MarketSyncConfig adjusted = fixture.config(MarketSyncConfig.PriceProvider.STOOQ, MarketSyncConfig.MacroProvider.FRED, null);

        MarketDataSync.Report report = fixture.sync(dir, adjusted, DEC_31).sync(List.of(), Optional.of(LocalDate.of(2024, 10, 1)), false);

        assertEquals("macro/cpi-us-monthly.csv: +3 row(s), last 2024-12-01 (fred CPIAUCSL, known from the 15th of the next month)",
                report.files().get(3).summary());
        assertEquals("Date,Index\n2024-10-01,315.564\n2024-11-01,316.449\n2024-12-01,317.603\n",
                Files.readString(dir.resolve("macro/cpi-us-monthly.csv")));
        assertEquals("CPIAUCSL\n", Files.readString(dir.resolve("macro/cpi-us-monthly.series")));

        fixture.cpiSeries = MarketSyncConfig.CpiSeries.CPIAUCNS;
        MarketSyncConfig unadjusted = fixture.config(MarketSyncConfig.PriceProvider.STOOQ, MarketSyncConfig.MacroProvider.FRED, null);
        MarketDataSync.FileResult cpi = fixture.sync(dir, unadjusted, DEC_31).sync(List.of(), Optional.empty(), false).files().get(3);
        assertEquals(MarketDataSync.Status.FAILED, cpi.status());
        assertEquals("macro/cpi-us-monthly.csv holds CPIAUCSL (recorded in macro/cpi-us-monthly.series), market.sync.fred.cpi_series"
                + " asks for CPIAUCNS: not appended (set cpi_series back, or move the file away to start a CPIAUCNS file)", cpi.problem());
        assertEquals("Date,Index\n2024-10-01,315.564\n2024-11-01,316.449\n2024-12-01,317.603\n",
                Files.readString(dir.resolve("macro/cpi-us-monthly.csv")));
    }

    /** The sample's AAPL bars with the one of {@code date} replaced, as a provider answering garbage for it. */
    private void serveAaplWith(LocalDate date, MarketDataTestServer.Bar replacement) {
        List<MarketDataTestServer.Bar> bars = new ArrayList<>(SyncFixture.sampleBars("AAPL").stream()
                .filter(bar -> !bar.date().equals(date)).toList());
        bars.add(replacement);
        server.bars("AAPL", bars);
    }

    @Test
    void should_fail_one_file_in_one_line_when_a_new_bar_is_not_a_number_and_sync_the_others() throws IOException {
        fixture.stooq(dir, DEC_30).sync(List.of("AAPL", "MSFT"), Optional.empty(), false);
        byte[] before = Files.readAllBytes(dir.resolve("prices/AAPL.csv"));
        // Double.parseDouble reads "NaN"; the file must not get it, nor may the sync stop at it.
        serveAaplWith(DEC_31, new MarketDataTestServer.Bar(DEC_31, 252.44, 253.28, 249.43, Double.NaN, 39480700));

        MarketDataSync.Report report = fixture.stooq(dir, DEC_31).sync(List.of("AAPL", "MSFT"), Optional.empty(), false);

        MarketDataSync.FileResult aapl = report.files().get(1);
        assertEquals("prices/AAPL.csv: FAILED, last 2024-12-30 (stooq): stooq: AAPL: line 7 of the CSV is not a bar (close is"
                + " not a finite number: NaN): '2024-12-31,252.44,253.28,249.43,NaN,39480700'", aapl.summary());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("prices/AAPL.csv"))));
        assertEquals(MarketDataSync.Status.UPDATED, report.files().get(2).status(), "MSFT still synced");
        assertNoPartialFiles();
    }

    @Test
    void should_refuse_a_bar_dated_on_a_weekend_rather_than_add_a_session() throws IOException {
        fixture.stooq(dir, DEC_30).sync(List.of("AAPL"), Optional.empty(), false);
        byte[] before = Files.readAllBytes(dir.resolve("prices/AAPL.csv"));
        LocalDate saturday = LocalDate.of(2024, 12, 28);
        serveAaplWith(DEC_31, new MarketDataTestServer.Bar(saturday, 252.44, 253.28, 249.43, 250.42, 39480700));

        MarketDataSync.FileResult aapl = fixture.stooq(dir, DEC_31).sync(List.of("AAPL"), Optional.empty(), false).files().get(1);

        assertEquals(MarketDataSync.Status.FAILED, aapl.status());
        assertTrue(aapl.problem().contains("is not a bar (dated 2024-12-28, a Saturday: no session)"), aapl.problem());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("prices/AAPL.csv"))));
    }

    @Test
    void should_name_the_file_not_its_temporary_copy_when_the_synced_content_is_refused() throws IOException {
        fixture.stooq(dir, DEC_30).sync(List.of("AAPL"), Optional.empty(), false);
        serveAaplWith(DEC_31, new MarketDataTestServer.Bar(DEC_31, -5, 253.28, 249.43, 250.42, 39480700));

        MarketDataSync.FileResult aapl = fixture.stooq(dir, DEC_31).sync(List.of("AAPL"), Optional.empty(), false).files().get(1);

        assertEquals(MarketDataSync.Status.FAILED, aapl.status());
        assertEquals(dir.resolve("prices/AAPL.csv") + " as synced (not written): line 22, column 'open': price must be"
                + " positive, was -5.0", aapl.problem());
    }

    @Test
    void should_fail_a_file_in_one_line_when_an_alpaca_bar_has_a_text_for_a_price_or_a_date() {
        // asDouble() reads a text as 0, and Instant.parse throws: neither may reach the file or end the sync.
        server.failNext(MarketDataTestServer.ALPACA_BARS_PATH, 200, "{\"bars\":{\"SPY\":[{\"t\":\"2024-12-02T05:00:00Z\","
                + "\"o\":\"abc\",\"h\":1,\"l\":1,\"c\":1,\"v\":1}]},\"next_page_token\":null}");
        server.failNext(MarketDataTestServer.ALPACA_BARS_PATH, 200, "{\"bars\":{\"AAPL\":[{\"t\":\"yesterday\","
                + "\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1}]},\"next_page_token\":null}");
        MarketSyncConfig config = fixture.config(MarketSyncConfig.PriceProvider.ALPACA, MarketSyncConfig.MacroProvider.NONE, "test-key-id");

        MarketDataSync.Report report = fixture.sync(dir, config, DEC_31).sync(List.of("AAPL"), Optional.empty(), false);

        assertEquals("alpaca: SPY: not a bar (\"o\" is not a number): {\"t\":\"2024-12-02T05:00:00Z\",\"o\":\"abc\",\"h\":1,"
                + "\"l\":1,\"c\":1,\"v\":1}", report.files().get(0).problem());
        assertTrue(report.files().get(1).problem().startsWith("alpaca: AAPL: not a bar (Text 'yesterday' could not be parsed"),
                report.files().get(1).problem());
        assertFalse(Files.exists(dir.resolve("prices/SPY.csv")));
        assertFalse(Files.exists(dir.resolve("prices/AAPL.csv")));
    }

    @Test
    void should_ask_nothing_more_once_the_sync_time_limit_has_passed() throws Exception {
        ManualClock clock = new ManualClock(SyncFixture.eveningOf(DEC_31).instant());
        MarketSyncConfig config = fixture.config(MarketSyncConfig.PriceProvider.STOOQ, MarketSyncConfig.MacroProvider.NONE, null);
        MarketDataSync sync = MarketDataSync.open(dir, config, new SyncMetrics(fixture.meters), clock,
                new PrintWriter(fixture.output, true));
        MarketDataTestServer.Hold aapl = server.hold(MarketDataTestServer.STOOQ_PATH, "s", "aapl.us");

        CompletableFuture<MarketDataSync.Report> running = CompletableFuture.supplyAsync(
                () -> sync.sync(List.of("AAPL", "MSFT"), Optional.empty(), false));
        assertTrue(aapl.awaitArrival(Duration.ofMinutes(1)));
        clock.advance(Duration.ofSeconds(61)); // the provider took longer than the sync's 60 s
        aapl.release();
        MarketDataSync.Report report = running.get(1, TimeUnit.MINUTES);

        assertEquals(MarketDataSync.Status.UPDATED, report.files().get(1).status(), "AAPL was asked in time");
        assertEquals("prices/MSFT.csv: FAILED, no data (stooq): stooq: MSFT daily bars: not asked: the sync's time limit"
                + " (market.sync.timeout_seconds = 60) has passed", report.files().get(2).summary());
        assertEquals(2, server.requests(MarketDataTestServer.STOOQ_PATH).size(), "SPY and AAPL only");
    }

    @Test
    void should_refuse_fred_values_that_are_no_number_or_impossible_for_the_series() throws IOException {
        Files.createDirectories(dir.resolve("macro"));
        copyHead("macro/vix-daily.csv", "2024-12-20");
        copyHead("macro/cpi-us-monthly.csv", "2024-10-01");
        copyHead("macro/us10y-monthly.csv", "2024-10-01");
        byte[] vixBefore = Files.readAllBytes(dir.resolve("macro/vix-daily.csv"));
        byte[] cpiBefore = Files.readAllBytes(dir.resolve("macro/cpi-us-monthly.csv"));
        server.fred("VIXCLS", Map.of(LocalDate.of(2024, 12, 23), "16.78", LocalDate.of(2024, 12, 24), "NaN"));
        server.fred("CPIAUCNS", Map.of(LocalDate.of(2024, 11, 1), "315.493", LocalDate.of(2024, 12, 1), "-3"));
        server.fred("GS10", Map.of(LocalDate.of(2024, 11, 1), "-0.25")); // a yield may be negative
        MarketSyncConfig config = fixture.config(MarketSyncConfig.PriceProvider.STOOQ, MarketSyncConfig.MacroProvider.FRED, null);

        MarketDataSync.Report report = fixture.sync(dir, config, DEC_31).sync(List.of(), Optional.empty(), false);

        assertEquals("macro/vix-daily.csv: FAILED, last 2024-12-20 (fred VIXCLS, known at that session's close): fred: series"
                + " VIXCLS: line 3 is not an observation (not a finite number: NaN)", report.files().get(1).summary());
        assertEquals("macro/cpi-us-monthly.csv: FAILED, last 2024-10-01 (fred CPIAUCNS, known from the 15th of the next month):"
                + " fred: series CPIAUCNS: 2024-12-01: -3 is not a value of this series (always above 0): nothing appended",
                report.files().get(3).summary());
        assertTrue(java.util.Arrays.equals(vixBefore, Files.readAllBytes(dir.resolve("macro/vix-daily.csv"))));
        assertTrue(java.util.Arrays.equals(cpiBefore, Files.readAllBytes(dir.resolve("macro/cpi-us-monthly.csv"))));
        assertEquals(MarketDataSync.Status.UPDATED, report.files().get(2).status(), report.files().get(2).summary());
    }

    private void copyHead(String relative, String lastDate) throws IOException {
        List<String> lines = Files.readAllLines(SyncFixture.SAMPLES.resolve(relative));
        StringBuilder head = new StringBuilder();
        for (String line : lines) {
            head.append(line).append('\n');
            if (line.startsWith(lastDate)) {
                break;
            }
        }
        Files.writeString(dir.resolve(relative), head);
    }

    private void assertNoPartialFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".partial")).toList());
        }
    }
}
