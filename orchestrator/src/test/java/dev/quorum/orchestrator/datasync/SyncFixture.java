package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.MacroSeries;
import dev.quorum.orchestrator.config.MarketSyncConfig;
import dev.quorum.testkit.MarketDataTestServer;
import dev.quorum.testkit.ProjectPaths;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The market of {@code samples/market} served by a {@link MarketDataTestServer}, and syncs against it. */
final class SyncFixture {

    static final Path SAMPLES = ProjectPaths.root().resolve("samples/market");
    /** The sample's last two sessions. */
    static final LocalDate DEC_30 = LocalDate.of(2024, 12, 30);
    static final LocalDate DEC_31 = LocalDate.of(2024, 12, 31);

    final MarketDataTestServer server;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final StringWriter output = new StringWriter();
    /** {@code market.sync.fred.cpi_series} of {@link #config}. */
    MarketSyncConfig.CpiSeries cpiSeries = MarketSyncConfig.CpiSeries.CPIAUCNS;

    SyncFixture(MarketDataTestServer server) {
        this.server = server;
    }

    /** Serves the sample's real bars and macro series (2023-2024) from every provider of the test server. */
    static MarketDataTestServer sampleMarket() {
        MarketDataTestServer server = MarketDataTestServer.start();
        for (String ticker : List.of("SPY", "AAPL", "MSFT", "NVDA", "JPM", "XOM")) {
            server.bars(ticker, sampleBars(ticker));
        }
        Map<LocalDate, String> vix = new LinkedHashMap<>();
        CsvMarketData.readVixFile(SAMPLES.resolve("macro/vix-daily.csv")).forEach(v -> vix.put(v.date(), String.valueOf(v.value())));
        // FRED lists exchange holidays with an empty value, e.g. Christmas.
        vix.put(LocalDate.of(2024, 12, 25), "");
        server.fred("VIXCLS", vix);
        server.fred("GS10", monthly(MacroSeries.US10Y_YIELD));
        server.fred("CPIAUCNS", monthly(MacroSeries.CPI));
        server.fred("DGS10", DGS10_DECEMBER_2024);
        // Seasonally adjusted CPI-U: other index points than CPIAUCNS for the same months.
        server.fred("CPIAUCSL", Map.of(LocalDate.of(2024, 10, 1), "315.564", LocalDate.of(2024, 11, 1), "316.449",
                LocalDate.of(2024, 12, 1), "317.603"));
        return server;
    }

    /**
     * Daily 10-year yields in December 2024 (not in the sample, which has the monthly GS10 only): FRED's DGS10 has a
     * row for every weekday and marks a day without a value, Christmas, with {@code .}.
     */
    static final Map<LocalDate, String> DGS10_DECEMBER_2024 = dgs10();

    private static Map<LocalDate, String> dgs10() {
        String[] values = {"4.19", "4.23", "4.18", "4.18", "4.15", "4.20", "4.22", "4.27", "4.32", "4.40", "4.40", "4.40",
                "4.50", "4.57", "4.52", "4.59", "4.59", ".", "4.58", "4.62", "4.55", "4.58"};
        Map<LocalDate, String> series = new LinkedHashMap<>();
        int i = 0;
        for (LocalDate day = LocalDate.of(2024, 12, 2); !day.isAfter(DEC_31); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                series.put(day, values[i++]);
            }
        }
        return series;
    }

    static List<MarketDataTestServer.Bar> sampleBars(String ticker) {
        return CsvMarketData.readPriceFile(SAMPLES.resolve("prices/" + ticker + ".csv")).stream()
                .map(b -> new MarketDataTestServer.Bar(b.date(), b.open(), b.high(), b.low(), b.close(), b.volume()))
                .toList();
    }

    private static Map<LocalDate, String> monthly(MacroSeries series) {
        Map<LocalDate, String> values = new LinkedHashMap<>();
        CsvMarketData.readMacroFile(SAMPLES.resolve(series.relativePath()), series)
                .forEach(o -> values.put(o.month().atDay(1), String.valueOf(o.value())));
        return values;
    }

    /**
     * A market directory whose AAPL sync stopped after 2024-12-26 (12-27, 12-30, 12-31 missing: 3 sessions behind),
     * with SPY, MSFT and the macro files current to the sample's end.
     */
    static CsvMarketData staleAaplMarket(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("prices"));
        Files.createDirectories(dir.resolve("macro"));
        for (String file : List.of("prices/SPY.csv", "prices/MSFT.csv", "macro/vix-daily.csv", "macro/us10y-monthly.csv",
                "macro/cpi-us-monthly.csv")) {
            Files.copy(SAMPLES.resolve(file), dir.resolve(file));
        }
        Files.writeString(dir.resolve("prices/AAPL.csv"), Files.readAllLines(SAMPLES.resolve("prices/AAPL.csv")).stream()
                .filter(line -> line.startsWith("date") || line.compareTo("2024-12-27") < 0)
                .collect(Collectors.joining("\n", "", "\n")));
        return CsvMarketData.open(dir);
    }

    /** A clock in the evening (New York) of {@code session}, when its bar is final. */
    static Clock eveningOf(LocalDate session) {
        return Clock.fixed(ZonedDateTime.of(session.atTime(18, 0), ZoneId.of("America/New_York")).toInstant(), ZoneOffset.UTC);
    }

    MarketSyncConfig config(MarketSyncConfig.PriceProvider prices, MarketSyncConfig.MacroProvider macro, String keyId) {
        return config(prices, macro, MarketSyncConfig.NewsProvider.NONE, keyId);
    }

    MarketSyncConfig config(MarketSyncConfig.PriceProvider prices, MarketSyncConfig.MacroProvider macro,
                            MarketSyncConfig.NewsProvider news, String keyId) {
        MarketSyncConfig.ProviderEndpoint local = new MarketSyncConfig.ProviderEndpoint(server.baseUrl(), 0);
        return new MarketSyncConfig(prices, macro, news, "2024-12-02", 7, 3, false, 60, 5, 3, 1, local,
                new MarketSyncConfig.AlpacaConfig(server.baseUrl(), "iex", "all", keyId, keyId == null ? null : "test-secret-key", 0),
                new MarketSyncConfig.FredConfig(server.baseUrl(), 0, cpiSeries));
    }

    MarketDataSync stooq(Path directory, LocalDate session) {
        return sync(directory, config(MarketSyncConfig.PriceProvider.STOOQ, MarketSyncConfig.MacroProvider.NONE, null), session);
    }

    MarketDataSync sync(Path directory, MarketSyncConfig config, LocalDate session) {
        return MarketDataSync.open(directory, config, new SyncMetrics(meters), eveningOf(session), new PrintWriter(output, true));
    }

    double counter(String name, String provider) {
        var counter = meters.find(name).tag("provider", provider).counter();
        return counter == null ? 0 : counter.count();
    }
}
