package dev.quorum.orchestrator.datasync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.agents.json.Json;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Alpaca's news API: {@code GET /v1beta1/news?symbols=&start=&end=&limit=50&sort=asc}, following
 * {@code next_page_token}, with the same key headers as the bars. Each article is
 * {@code {"id","headline","author","created_at","updated_at","summary","content","url","images","symbols","source"}}.
 */
final class AlpacaNews {

    /** One article as stored in {@code news/headlines/<TICKER>.csv}. */
    record Article(Instant createdAt, String headline, String summary, String source, String url) {
    }

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final int MAX_LIMIT = 50;

    private final ProviderClient client;
    private final String baseUrl;
    private final Map<String, String> keyHeaders;

    AlpacaNews(ProviderClient client, String baseUrl, String keyId, String secretKey) {
        this.client = client;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.keyHeaders = Map.of("APCA-API-KEY-ID", keyId, "APCA-API-SECRET-KEY", secretKey);
    }

    String name() {
        return client.provider();
    }

    /** The articles about {@code ticker} created in {@code [start, end]}, oldest first. */
    List<Article> articles(String ticker, Instant start, Instant end) {
        List<Article> articles = new ArrayList<>();
        String pageToken = null;
        do {
            String uri = baseUrl + "/v1beta1/news?symbols=" + encode(ticker) + "&start=" + encode(start.toString())
                    + "&end=" + encode(end.toString()) + "&limit=" + MAX_LIMIT + "&sort=asc"
                    + (pageToken == null ? "" : "&page_token=" + encode(pageToken));
            String body = client.get(URI.create(uri), keyHeaders, ticker + " news");
            JsonNode page;
            try {
                page = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new SyncFailure(SyncFailure.Kind.BAD_RESPONSE, name() + ": " + ticker + " news: answer is not JSON: "
                        + ProviderClient.oneLine(body), e);
            }
            if (page == null || !page.path("news").isArray()) {
                throw new SyncFailure(SyncFailure.Kind.BAD_RESPONSE, name() + ": " + ticker + " news: answer has no \"news\" list: "
                        + ProviderClient.oneLine(body));
            }
            for (JsonNode item : page.get("news")) {
                try {
                    articles.add(new Article(Instant.parse(item.path("created_at").asText()), item.path("headline").asText(),
                            item.path("summary").asText(""), item.path("source").asText(""), item.path("url").asText("")));
                } catch (DateTimeParseException e) {
                    throw new SyncFailure(SyncFailure.Kind.BAD_RESPONSE, name() + ": " + ticker + " news: bad created_at in " + item);
                }
            }
            client.rowsFetched(page.get("news").size());
            JsonNode next = page.get("next_page_token");
            pageToken = next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
        } while (pageToken != null);
        articles.sort(Comparator.comparing(Article::createdAt));
        return articles;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
