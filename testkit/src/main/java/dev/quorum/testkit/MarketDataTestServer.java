package dev.quorum.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One in-process HTTP server on 127.0.0.1 speaking the public protocols of three market-data providers, each at its
 * real path, so the production clients run unchanged with only their base URL pointed here:
 * <ul>
 *   <li><b>Stooq</b> daily CSV: {@code GET /q/d/l/?s=aapl.us&i=d&d1=yyyyMMdd&d2=yyyyMMdd} answers
 *       {@code Date,Open,High,Low,Close,Volume} lines (CRLF), or the body {@code No data} for a symbol or range
 *       without data (status 200, as Stooq does);</li>
 *   <li><b>Alpaca Market Data v2</b>: {@code GET /v2/stocks/bars?symbols=&timeframe=1Day&start=&end=&adjustment=
 *       &feed=&limit=&page_token=} with the {@code APCA-API-KEY-ID} / {@code APCA-API-SECRET-KEY} headers answers
 *       {@code {"bars":{"AAPL":[{"t","o","h","l","c","v","n","vw"}]},"next_page_token":...}}; a daily bar's
 *       {@code t} is midnight New York time in UTC; a symbol without bars is absent from {@code bars}; wrong keys
 *       get 401 {@code {"message":"unauthorized."}}; {@code /v1beta1/news} answers
 *       {@code {"news":[{"id","headline","author","created_at","updated_at","summary","content","url","images",
 *       "symbols","source"}],"next_page_token":...}};</li>
 *   <li><b>FRED</b> graph CSV: {@code GET /graph/fredgraph.csv?id=VIXCLS&cosd=yyyy-MM-dd} answers
 *       {@code observation_date,VIXCLS} lines where a day without a value (a holiday) has an empty value.</li>
 * </ul>
 * Bars are one market shared by Stooq and Alpaca ({@link #bars}); a test replaces them to model a split.
 * {@link #failNext} queues HTTP errors (429, 5xx, 401; optionally with a {@code Retry-After} header) for the next
 * requests of one path, and
 * {@link #dieMidStream} makes a path's answers stop half-way (the connection closes before the announced length),
 * like a server that crashes while streaming. Every request is recorded.
 */
public final class MarketDataTestServer implements AutoCloseable {

    /** The paths of the three protocols, for {@link #failNext} and {@link #dieMidStream}. */
    public static final String STOOQ_PATH = "/q/d/l/";
    public static final String ALPACA_BARS_PATH = "/v2/stocks/bars";
    public static final String ALPACA_NEWS_PATH = "/v1beta1/news";
    public static final String FRED_PATH = "/graph/fredgraph.csv";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter STOOQ_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /** One daily bar as the providers serve it (no adjusted close: neither Stooq nor Alpaca has one). */
    public record Bar(LocalDate date, double open, double high, double low, double close, long volume) {
    }

    /** One Alpaca news article. */
    public record Article(long id, String createdAt, String headline, String summary, String source, String url,
                          List<String> symbols) {
    }

    /** One recorded request. */
    /** @param receivedAt when the request arrived (how long a client waited between two requests) */
    public record Request(String path, Map<String, String> query, String keyId, String secretKey, java.time.Instant receivedAt) {
    }

    private record Failure(int status, String body, String retryAfter) {
    }

    /**
     * A request held before it is answered: {@link #awaitArrival} returns once one has arrived, {@link #release} lets
     * it (and any later one) be answered. For killing a client at a known point, without timing anything.
     */
    public static final class Hold {
        private final String path;
        private final String queryKey;
        private final String queryValue;
        private final java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

        private Hold(String path, String queryKey, String queryValue) {
            this.path = path;
            this.queryKey = queryKey;
            this.queryValue = queryValue;
        }

        /** @return whether a held request arrived within {@code limit} */
        public boolean awaitArrival(java.time.Duration limit) throws InterruptedException {
            return arrived.await(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        public void release() {
            released.countDown();
        }

        private boolean matches(String requestPath, Map<String, String> query) {
            return path.equals(requestPath) && queryValue.equals(query.get(queryKey));
        }

        private void hold() throws IOException {
            arrived.countDown();
            try {
                if (!released.await(2, java.util.concurrent.TimeUnit.MINUTES)) {
                    throw new IOException("held request never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while held", e);
            }
        }
    }

    private final LoopbackHttpServer server;
    private final Map<String, NavigableMap<LocalDate, Bar>> bars = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<LocalDate, String>> fredSeries = new ConcurrentHashMap<>();
    private final List<Article> articles = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();
    private final Set<String> dying = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Hold> holds = new CopyOnWriteArrayList<>();
    private volatile int alpacaPageSize = 10_000;
    private volatile String alpacaKeyId = "test-key-id";
    private volatile String alpacaSecretKey = "test-secret-key";

    private MarketDataTestServer(LoopbackHttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port. */
    public static MarketDataTestServer start() {
        LoopbackHttpServer http = LoopbackHttpServer.bind(0, 50, "market-data-test-server", "market-data test server");
        MarketDataTestServer provider = new MarketDataTestServer(http);
        http.handle("/", provider::handle).start();
        return provider;
    }

    /** {@code http://127.0.0.1:PORT}: the base URL of every provider served here. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The keys Alpaca accepts (defaults {@code test-key-id} / {@code test-secret-key}). */
    public MarketDataTestServer alpacaKeys(String keyId, String secretKey) {
        this.alpacaKeyId = keyId;
        this.alpacaSecretKey = secretKey;
        return this;
    }

    /** The most bars one Alpaca page holds (below the requested limit forces pagination). */
    public MarketDataTestServer alpacaPageSize(int size) {
        this.alpacaPageSize = size;
        return this;
    }

    /** Replaces the daily bars of {@code ticker} (a split: the same dates with divided prices). */
    public MarketDataTestServer bars(String ticker, List<Bar> series) {
        NavigableMap<LocalDate, Bar> byDate = new TreeMap<>();
        series.forEach(bar -> byDate.put(bar.date(), bar));
        bars.put(ticker, byDate);
        return this;
    }

    /** Sets a FRED series: date to value, an empty value for a day FRED lists without one (a holiday). */
    public MarketDataTestServer fred(String seriesId, Map<LocalDate, String> observations) {
        fredSeries.put(seriesId, new TreeMap<>(observations));
        return this;
    }

    public MarketDataTestServer article(Article article) {
        articles.add(article);
        return this;
    }

    /** The next request to {@code path} answers {@code status} with {@code body} (queued, one per call). */
    public MarketDataTestServer failNext(String path, int status, String body) {
        return failNext(path, status, body, null);
    }

    /**
     * The next request to {@code path} answers {@code status} with {@code body} and the header
     * {@code Retry-After: retryAfter} (seconds, or an HTTP date), as a rate-limited provider does with its 429.
     */
    public MarketDataTestServer failNext(String path, int status, String body, String retryAfter) {
        failures.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).add(new Failure(status, body, retryAfter));
        return this;
    }

    /** Every request to {@code path} for {@code symbol} (null: any) breaks off half-way until {@link #heal}. */
    public MarketDataTestServer dieMidStream(String path, String symbol) {
        dying.add(path + "|" + (symbol == null ? "*" : symbol));
        return this;
    }

    /** Holds every request to {@code path} whose query has {@code key=value} (e.g. Stooq's {@code s=aapl.us}). */
    public Hold hold(String path, String key, String value) {
        Hold hold = new Hold(path, key, value);
        holds.add(hold);
        return hold;
    }

    public MarketDataTestServer heal() {
        dying.clear();
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            requests.add(new Request(path, query, exchange.getRequestHeaders().getFirst("APCA-API-KEY-ID"),
                    exchange.getRequestHeaders().getFirst("APCA-API-SECRET-KEY"), java.time.Instant.now()));
            for (Hold hold : holds) {
                if (hold.matches(path, query)) {
                    hold.hold();
                }
            }
            Deque<Failure> queued = failures.get(path);
            Failure failure = queued == null ? null : queued.poll();
            if (failure != null) {
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
                }
                send(exchange, failure.status(), failure.body(), false);
                return;
            }
            switch (path) {
                case STOOQ_PATH -> stooq(exchange, query);
                case ALPACA_BARS_PATH -> alpacaBars(exchange, query);
                case ALPACA_NEWS_PATH -> alpacaNews(exchange, query);
                case FRED_PATH -> fred(exchange, query);
                default -> send(exchange, 404, "Not Found", false);
            }
        }
    }

    private boolean dies(String path, String symbol) {
        return dying.contains(path + "|*") || dying.contains(path + "|" + symbol);
    }

    private void stooq(HttpExchange exchange, Map<String, String> query) throws IOException {
        String symbol = query.getOrDefault("s", "");
        String ticker = symbol.toUpperCase(Locale.ROOT).replaceAll("\\.US$", "").replace('-', '.');
        LocalDate from = LocalDate.parse(query.get("d1"), STOOQ_DATE);
        LocalDate to = LocalDate.parse(query.get("d2"), STOOQ_DATE);
        NavigableMap<LocalDate, Bar> series = bars.getOrDefault(ticker, new TreeMap<>()).subMap(from, true, to, true);
        if (series.isEmpty()) {
            send(exchange, 200, "No data", false);
            return;
        }
        StringBuilder csv = new StringBuilder("Date,Open,High,Low,Close,Volume\r\n");
        for (Bar bar : series.values()) {
            csv.append(bar.date()).append(',').append(bar.open()).append(',').append(bar.high()).append(',')
                    .append(bar.low()).append(',').append(bar.close()).append(',').append(bar.volume()).append("\r\n");
        }
        send(exchange, 200, csv.toString(), dies(STOOQ_PATH, ticker));
    }

    private boolean authorised(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestHeaders().getFirst("APCA-API-KEY-ID");
        String secret = exchange.getRequestHeaders().getFirst("APCA-API-SECRET-KEY");
        if (!alpacaKeyId.equals(id) || !alpacaSecretKey.equals(secret)) {
            send(exchange, 401, "{\"message\":\"unauthorized.\"}", false);
            return false;
        }
        return true;
    }

    private void alpacaBars(HttpExchange exchange, Map<String, String> query) throws IOException {
        if (!authorised(exchange)) {
            return;
        }
        if (!"1Day".equals(query.get("timeframe"))) {
            send(exchange, 400, "{\"message\":\"this test server serves timeframe=1Day only\"}", false);
            return;
        }
        LocalDate start = LocalDate.parse(query.get("start").substring(0, 10));
        LocalDate end = LocalDate.parse(query.get("end").substring(0, 10));
        int limit = Math.min(Integer.parseInt(query.getOrDefault("limit", "1000")), alpacaPageSize);
        // The token is opaque to clients; here it encodes "SYMBOL|date" of the first bar of the next page.
        String token = query.get("page_token");
        String resumeSymbol = null;
        LocalDate resumeDate = null;
        if (token != null) {
            String[] parts = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            resumeSymbol = parts[0];
            resumeDate = LocalDate.parse(parts[1]);
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode barsBySymbol = body.putObject("bars");
        String next = null;
        int count = 0;
        boolean dying = false;
        List<String> symbols = new ArrayList<>(List.of(query.getOrDefault("symbols", "").split(",")));
        symbols.sort(null);
        for (String symbol : symbols) {
            if (resumeSymbol != null && symbol.compareTo(resumeSymbol) < 0) {
                continue;
            }
            LocalDate first = resumeSymbol != null && symbol.equals(resumeSymbol) ? resumeDate : start;
            NavigableMap<LocalDate, Bar> series = bars.getOrDefault(symbol, new TreeMap<>());
            if (first.isAfter(end)) {
                continue;
            }
            for (Bar bar : series.subMap(first, true, end, true).values()) {
                if (count == limit) {
                    next = Base64.getEncoder().encodeToString((symbol + "|" + bar.date()).getBytes(StandardCharsets.UTF_8));
                    break;
                }
                ArrayNode list = barsBySymbol.has(symbol) ? (ArrayNode) barsBySymbol.get(symbol) : barsBySymbol.putArray(symbol);
                ObjectNode b = list.addObject();
                b.put("t", bar.date().atStartOfDay(NEW_YORK).toInstant().toString());
                b.put("o", bar.open()).put("h", bar.high()).put("l", bar.low()).put("c", bar.close());
                b.put("v", bar.volume()).put("n", Math.max(1, bar.volume() / 100));
                b.put("vw", Math.round((bar.high() + bar.low() + bar.close()) / 3 * 1e4) / 1e4);
                count++;
                dying |= dies(ALPACA_BARS_PATH, symbol);
            }
            if (next != null) {
                break;
            }
        }
        if (next == null) {
            body.putNull("next_page_token");
        } else {
            body.put("next_page_token", next);
        }
        send(exchange, 200, JSON.writeValueAsString(body), dying);
    }

    private void alpacaNews(HttpExchange exchange, Map<String, String> query) throws IOException {
        if (!authorised(exchange)) {
            return;
        }
        Set<String> symbols = Set.of(query.getOrDefault("symbols", "").split(","));
        String start = query.get("start");
        String end = query.get("end");
        int limit = Math.min(Integer.parseInt(query.getOrDefault("limit", "10")), 50);
        int offset = query.containsKey("page_token")
                ? Integer.parseInt(new String(Base64.getDecoder().decode(query.get("page_token")), StandardCharsets.UTF_8)) : 0;
        // Alpaca sorts newest first by default; sort=asc asks oldest first.
        List<Article> matching = articles.stream()
                .filter(a -> a.symbols().stream().anyMatch(symbols::contains))
                .filter(a -> start == null || a.createdAt().compareTo(start) >= 0)
                .filter(a -> end == null || a.createdAt().compareTo(end) <= 0)
                .sorted((a, b) -> "asc".equals(query.get("sort")) ? a.createdAt().compareTo(b.createdAt())
                        : b.createdAt().compareTo(a.createdAt()))
                .toList();
        ObjectNode body = JSON.createObjectNode();
        ArrayNode news = body.putArray("news");
        for (Article a : matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()))) {
            ObjectNode n = news.addObject();
            n.put("id", a.id()).put("headline", a.headline()).put("author", "Test Desk").put("created_at", a.createdAt())
                    .put("updated_at", a.createdAt()).put("summary", a.summary()).put("content", "").put("url", a.url());
            n.putArray("images");
            ArrayNode s = n.putArray("symbols");
            a.symbols().forEach(s::add);
            n.put("source", a.source());
        }
        if (offset + limit < matching.size()) {
            body.put("next_page_token", Base64.getEncoder().encodeToString(String.valueOf(offset + limit).getBytes(StandardCharsets.UTF_8)));
        } else {
            body.putNull("next_page_token");
        }
        send(exchange, 200, JSON.writeValueAsString(body), dies(ALPACA_NEWS_PATH, null));
    }

    private void fred(HttpExchange exchange, Map<String, String> query) throws IOException {
        String id = query.get("id");
        NavigableMap<LocalDate, String> series = fredSeries.get(id);
        if (series == null) {
            // FRED answers an unknown series id with an HTML error page, not a CSV.
            send(exchange, 404, "<!DOCTYPE html><html><body>Series not found</body></html>", false);
            return;
        }
        LocalDate from = query.containsKey("cosd") ? LocalDate.parse(query.get("cosd")) : LocalDate.MIN;
        StringBuilder csv = new StringBuilder("observation_date," + id + "\n");
        series.tailMap(from, true).forEach((date, value) -> csv.append(date).append(',').append(value).append('\n'));
        send(exchange, 200, csv.toString(), dies(FRED_PATH, id));
    }

    private static void send(HttpExchange exchange, int status, String body, boolean dieHalfWay) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        OutputStream out = exchange.getResponseBody();
        if (dieHalfWay) {
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            // Closing before the announced length makes the server drop the connection: the client sees a truncated body.
            try {
                exchange.close();
            } catch (RuntimeException expected) {
                // "insufficient bytes written to stream": exactly the crash being modelled
            }
            return;
        }
        out.write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.put(key, value);
        }
        return result;
    }
}
