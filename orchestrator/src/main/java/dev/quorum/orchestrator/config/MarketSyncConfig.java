package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@code market.sync}: which providers {@code quorum data sync} asks and how it treats them.
 *
 * @param prices                where daily bars come from
 * @param macro                 where the VIX, the 10-year yield and CPI come from
 * @param news                  where news headlines come from
 * @param startDate             the first date fetched for a file that does not exist yet ({@code yyyy-MM-dd})
 * @param overlapDays           calendar days before a file's last bar that are fetched again, to notice revisions
 * @param maxStaleSessions      a ticker whose last bar is more sessions behind the calendar than this is not decided
 * @param beforeCycle           whether {@code serve} syncs before each scheduled cycle
 * @param timeoutSeconds        the limit of one whole sync: {@code serve} cancels it then, and no request is sent after it
 * @param requestTimeoutSeconds one HTTP request's limit
 * @param maxAttempts           attempts per request, the first included; only 429, 5xx and I/O errors are retried
 * @param backoffInitialMillis  wait before the first retry; doubles on each retry
 */
public record MarketSyncConfig(PriceProvider prices, MacroProvider macro, NewsProvider news, String startDate, Integer overlapDays,
                               Integer maxStaleSessions, Boolean beforeCycle, Integer timeoutSeconds,
                               Integer requestTimeoutSeconds, Integer maxAttempts, Integer backoffInitialMillis,
                               ProviderEndpoint stooq, AlpacaConfig alpaca, FredConfig fred) {

    /** The daily-bar providers. */
    public enum PriceProvider {
        @JsonProperty("stooq") STOOQ,
        @JsonProperty("alpaca") ALPACA
    }

    /** The macro providers; {@code none} leaves {@code macro/} as it is. */
    public enum MacroProvider {
        @JsonProperty("fred") FRED,
        @JsonProperty("none") NONE
    }

    /** The news providers; {@code none} syncs no news. */
    public enum NewsProvider {
        @JsonProperty("alpaca") ALPACA,
        @JsonProperty("none") NONE
    }

    public MarketSyncConfig {
        ConfigCheck.present("prices", prices);
        ConfigCheck.present("macro", macro);
        ConfigCheck.present("news", news);
        ConfigCheck.text("start_date", startDate);
        try {
            LocalDate.parse(startDate);
        } catch (DateTimeParseException e) {
            throw ConfigCheck.invalid("start_date", "expected a date yyyy-MM-dd, got '" + startDate + "'");
        }
        ConfigCheck.between("overlap_days", overlapDays, 0, 366);
        ConfigCheck.between("max_stale_sessions", maxStaleSessions, 0, 10_000);
        ConfigCheck.present("before_cycle", beforeCycle);
        ConfigCheck.between("timeout_seconds", timeoutSeconds, 1, 86_400);
        ConfigCheck.between("request_timeout_seconds", requestTimeoutSeconds, 1, 3600);
        ConfigCheck.between("max_attempts", maxAttempts, 1, 20);
        ConfigCheck.between("backoff_initial_millis", backoffInitialMillis, 1, 600_000);
        ConfigCheck.present("stooq", stooq);
        ConfigCheck.present("alpaca", alpaca);
        ConfigCheck.present("fred", fred);
        if ((prices == PriceProvider.ALPACA || news == NewsProvider.ALPACA) && !alpaca.hasKeys()) {
            throw ConfigCheck.invalid("alpaca.key_id", "is required when prices or news is alpaca: set QUORUM_MARKET_SYNC_ALPACA_KEY_ID"
                    + " and QUORUM_MARKET_SYNC_ALPACA_SECRET_KEY in the environment or the credentials file");
        }
    }

    public LocalDate firstDate() {
        return LocalDate.parse(startDate);
    }

    public Duration requestTimeout() {
        return Duration.ofSeconds(requestTimeoutSeconds);
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /**
     * A keyless provider's address and pacing.
     *
     * @param baseUrl           scheme, host and port (tests point it at a local server)
     * @param minIntervalMillis the least time between two requests to this provider
     */
    public record ProviderEndpoint(String baseUrl, Integer minIntervalMillis) {
        public ProviderEndpoint {
            ConfigCheck.httpUrl("base_url", baseUrl);
            ConfigCheck.between("min_interval_millis", minIntervalMillis, 0, 600_000);
        }
    }

    /**
     * The CPI series FRED is asked for: {@code CPIAUCNS} (CPI-U, not seasonally adjusted, never revised: the series of
     * the shipped files) or {@code CPIAUCSL} (seasonally adjusted; revised for five years back every February).
     */
    public enum CpiSeries { CPIAUCNS, CPIAUCSL }

    /**
     * FRED's keyless graph CSV.
     *
     * @param baseUrl           scheme, host and port (tests point it at a local server)
     * @param minIntervalMillis the least time between two requests to FRED
     * @param cpiSeries         the series kept in {@code macro/cpi-us-monthly.csv}
     */
    public record FredConfig(String baseUrl, Integer minIntervalMillis, CpiSeries cpiSeries) {
        public FredConfig {
            ConfigCheck.httpUrl("base_url", baseUrl);
            ConfigCheck.between("min_interval_millis", minIntervalMillis, 0, 600_000);
            ConfigCheck.present("cpi_series", cpiSeries);
        }
    }

    /**
     * Alpaca Market Data v2.
     *
     * @param baseUrl           the data API, {@code https://data.alpaca.markets}
     * @param feed              {@code iex} (free plan) or {@code sip} (paid plan, every US exchange)
     * @param adjustment        {@code all} (splits and dividends), {@code split} or {@code raw}
     * @param keyId             {@code APCA-API-KEY-ID}; only from the environment or the credentials file
     * @param secretKey         {@code APCA-API-SECRET-KEY}; only from the environment or the credentials file
     * @param minIntervalMillis the least time between two requests (the free plan allows 200 a minute)
     */
    public record AlpacaConfig(String baseUrl, String feed, String adjustment, String keyId, String secretKey,
                               Integer minIntervalMillis) {
        public AlpacaConfig {
            ConfigCheck.httpUrl("base_url", baseUrl);
            if (!"iex".equals(feed) && !"sip".equals(feed)) {
                throw ConfigCheck.invalid("feed", "must be iex or sip, was '" + feed + "'");
            }
            if (!"all".equals(adjustment) && !"split".equals(adjustment) && !"raw".equals(adjustment)) {
                throw ConfigCheck.invalid("adjustment", "must be all, split or raw, was '" + adjustment + "'");
            }
            if ((keyId == null) != (secretKey == null)) {
                throw ConfigCheck.invalid(keyId == null ? "key_id" : "secret_key", "is missing while its pair is set: set both"
                        + " QUORUM_MARKET_SYNC_ALPACA_KEY_ID and QUORUM_MARKET_SYNC_ALPACA_SECRET_KEY");
            }
            ConfigCheck.between("min_interval_millis", minIntervalMillis, 0, 600_000);
        }

        public boolean hasKeys() {
            return keyId != null && secretKey != null;
        }

        /** Never prints the keys. */
        @Override
        public String toString() {
            return "AlpacaConfig[baseUrl=" + baseUrl + ", feed=" + feed + ", adjustment=" + adjustment + ", keys="
                    + (hasKeys() ? "***" : "none") + ", minIntervalMillis=" + minIntervalMillis + "]";
        }
    }
}
