package dev.quorum.orchestrator.datasync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.agents.json.Json;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Alpaca Market Data v2 historical bars: {@code GET /v2/stocks/bars?symbols=&timeframe=1Day&start=&end=&adjustment=
 * &feed=&limit=10000}, following {@code next_page_token} until it is null, with the {@code APCA-API-KEY-ID} /
 * {@code APCA-API-SECRET-KEY} headers. The answer is {@code {"bars":{"AAPL":[{"t","o","h","l","c","v","n","vw"}]}}};
 * a daily bar's {@code t} is the session's midnight in New York, written in UTC, so its New York date is the session.
 * A symbol without bars in the range is simply absent.
 */
public final class AlpacaPrices implements PriceSource {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final int MAX_LIMIT = 10_000;

    private final ProviderClient client;
    private final String baseUrl;
    private final String feed;
    private final String adjustment;
    private final Map<String, String> keyHeaders;

    AlpacaPrices(ProviderClient client, String baseUrl, String feed, String adjustment, String keyId, String secretKey) {
        this.client = client;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.feed = feed;
        this.adjustment = adjustment;
        this.keyHeaders = Map.of("APCA-API-KEY-ID", keyId, "APCA-API-SECRET-KEY", secretKey);
    }

    @Override
    public String name() {
        return client.provider();
    }

    @Override
    public List<FetchedBar> dailyBars(String ticker, LocalDate from, LocalDate to) {
        List<FetchedBar> bars = new ArrayList<>();
        String pageToken = null;
        do {
            String uri = baseUrl + "/v2/stocks/bars?symbols=" + encode(ticker) + "&timeframe=1Day&start=" + from
                    + "&end=" + to + "&adjustment=" + adjustment + "&feed=" + feed + "&limit=" + MAX_LIMIT
                    + (pageToken == null ? "" : "&page_token=" + encode(pageToken));
            JsonNode page = parse(client.get(URI.create(uri), keyHeaders, ticker + " daily bars"), ticker);
            JsonNode list = page.path("bars").path(ticker);
            for (JsonNode bar : list) {
                bars.add(bar(bar, ticker));
            }
            client.rowsFetched(list.size());
            JsonNode next = page.get("next_page_token");
            pageToken = next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
        } while (pageToken != null);
        return bars;
    }

    private JsonNode parse(String body, String ticker) {
        try {
            JsonNode page = JSON.readTree(body);
            if (page == null || !page.path("bars").isObject() && !page.path("bars").isNull()) {
                throw new SyncFailure(SyncFailure.Kind.BAD_RESPONSE, name() + ": " + ticker
                        + ": answer has no \"bars\" object: " + ProviderClient.oneLine(body));
            }
            return page;
        } catch (JsonProcessingException e) {
            throw new SyncFailure(SyncFailure.Kind.BAD_RESPONSE, name() + ": " + ticker + ": answer is not JSON: "
                    + ProviderClient.oneLine(body), e);
        }
    }

    private FetchedBar bar(JsonNode bar, String ticker) {
        for (String field : new String[] {"t", "o", "h", "l", "c", "v"}) {
            if (!bar.hasNonNull(field)) {
                throw new SyncFailure(SyncFailure.Kind.BAD_RESPONSE, name() + ": " + ticker + ": bar without \"" + field
                        + "\": " + bar);
            }
        }
        try {
            LocalDate session = Instant.parse(bar.get("t").asText()).atZone(NEW_YORK).toLocalDate();
            return new FetchedBar(session, number(bar, "o"), number(bar, "h"), number(bar, "l"), number(bar, "c"),
                    bar.get("v").asLong());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new SyncFailure(SyncFailure.Kind.BAD_RESPONSE, name() + ": " + ticker + ": not a bar (" + e.getMessage()
                    + "): " + ProviderClient.oneLine(bar.toString()));
        }
    }

    /** A price field, which must be a JSON number: asDouble() would read a text such as "abc" as 0. */
    private static double number(JsonNode bar, String field) {
        if (!bar.get(field).isNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" is not a number");
        }
        return bar.get(field).asDouble();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
