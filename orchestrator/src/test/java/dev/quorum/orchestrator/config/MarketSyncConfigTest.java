package dev.quorum.orchestrator.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code market.sync}: defaults, the Alpaca keys as secrets, validation. */
class MarketSyncConfigTest {

    @TempDir
    Path dir;

    private QuorumConfig load(String yaml, Map<String, String> environment) throws IOException {
        Path file = dir.resolve("quorum.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(environment).from(Optional.of(file));
    }

    @Test
    void should_default_to_keyless_stooq_and_fred() {
        MarketSyncConfig sync = new ConfigLoader(Map.of()).from(Optional.empty()).market().sync();
        assertEquals(MarketSyncConfig.PriceProvider.STOOQ, sync.prices());
        assertEquals(MarketSyncConfig.MacroProvider.FRED, sync.macro());
        assertEquals("https://stooq.com", sync.stooq().baseUrl());
        assertTrue(!sync.alpaca().hasKeys());
        assertEquals(MarketSyncConfig.CpiSeries.CPIAUCNS, sync.fred().cpiSeries(), "the series of the shipped CPI file");
    }

    @Test
    void should_select_the_seasonally_adjusted_cpi_and_refuse_another_series() throws IOException {
        assertEquals(MarketSyncConfig.CpiSeries.CPIAUCSL,
                load("market:\n  sync:\n    fred: {cpi_series: CPIAUCSL}\n", Map.of()).market().sync().fred().cpiSeries());
        ConfigException e = assertThrows(ConfigException.class, () -> load("market:\n  sync:\n    fred: {cpi_series: CPILFESL}\n", Map.of()));
        assertTrue(e.getMessage().contains("cpi_series") && e.getMessage().contains("CPILFESL"), e.getMessage());
    }

    @Test
    void should_refuse_alpaca_keys_written_in_the_file() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(
                "market:\n  sync:\n    alpaca: {key_id: PKABC}\n", Map.of()));
        assertTrue(e.getMessage().contains("'market.sync.alpaca.key_id': must not be written in the configuration file"), e.getMessage());
        assertTrue(e.getMessage().contains("QUORUM_MARKET_SYNC_ALPACA_KEY_ID"), e.getMessage());
    }

    @Test
    void should_take_alpaca_keys_from_the_credentials_file() throws IOException {
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "QUORUM_MARKET_SYNC_ALPACA_KEY_ID=PKTEST\nQUORUM_MARKET_SYNC_ALPACA_SECRET_KEY=s3cret\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        MarketSyncConfig sync = load("credentials_file: " + credentials + "\nmarket:\n  sync:\n    prices: alpaca\n", Map.of())
                .market().sync();
        assertEquals("PKTEST", sync.alpaca().keyId());
        assertEquals("s3cret", sync.alpaca().secretKey());
        assertTrue(!sync.alpaca().toString().contains("s3cret"), "keys never printed");
    }

    @Test
    void should_refuse_alpaca_prices_without_keys_naming_the_variables() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("market:\n  sync:\n    prices: alpaca\n", Map.of()));
        assertTrue(e.getMessage().contains("'market.sync.alpaca.key_id': is required when prices or news is alpaca"), e.getMessage());
    }

    @Test
    void should_refuse_a_start_date_that_is_not_a_date() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("market:\n  sync:\n    start_date: yesterday\n", Map.of()));
        assertTrue(e.getMessage().contains("'market.sync.start_date': expected a date yyyy-MM-dd, got 'yesterday'"), e.getMessage());
    }

    @Test
    void should_refuse_a_provider_base_url_that_is_not_an_http_url_at_load_not_at_the_first_request() {
        // Before, any text passed and the sync died on its first request with URI.create's stack trace.
        for (String provider : new String[] {"stooq", "alpaca", "fred"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> load(
                    "market:\n  sync:\n    " + provider + ": {base_url: \"stooq dot com\"}\n", Map.of()));
            assertEquals("market.sync." + provider + ".base_url", e.key(), e.getMessage());
            assertTrue(e.getMessage().contains("is not a valid URL: 'stooq dot com'"), e.getMessage());
        }
        ConfigException noScheme = assertThrows(ConfigException.class, () -> load(
                "market:\n  sync:\n    fred: {base_url: fred.stlouisfed.org}\n", Map.of()));
        assertTrue(noScheme.getMessage().contains("must be an http(s) URL with a host, was 'fred.stlouisfed.org'"), noScheme.getMessage());
    }
}
