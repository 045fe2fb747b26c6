package dev.quorum.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process HTTP server on 127.0.0.1 speaking the part of Alpaca's trading API (v2) a trading consumer uses, as
 * Alpaca's public documentation describes it, so the production client is exercised unchanged (only the base URL
 * differs):
 * <ul>
 *   <li>{@code POST /v2/orders}: 200 and the order object (quantities and prices as strings, {@code status}
 *       {@code accepted}); 403 {@code {"code":40310000,"message":"insufficient buying power"}} when an opening order's
 *       notional exceeds the buying power; 422 {@code {"code":40010001,"message":"client_order_id must be unique"}} for
 *       a client order id already used; 422 for a missing or invalid field;</li>
 *   <li>{@code GET /v2/orders:by_client_order_id?client_order_id=}: the order, or 404
 *       {@code {"code":40410000,"message":"order not found"}};</li>
 *   <li>{@code GET /v2/account}: cash, buying power and equity (as strings); {@code GET /v2/positions}: the positions
 *       with {@code qty} (negative for a short) and {@code side} {@code long}/{@code short};</li>
 *   <li>every route: 401 {@code {"message":"unauthorized."}} without the right {@code APCA-API-KEY-ID} /
 *       {@code APCA-API-SECRET-KEY} headers.</li>
 * </ul>
 * The market is the test's: orders stay {@code accepted} until the test {@linkplain #fill fills} them (a partial fill
 * makes them {@code partially_filled}), {@linkplain #cancel cancels} them, or {@linkplain #fillOnArrival(boolean) asks}
 * for every order to fill at once at its symbol's {@linkplain #price price}. Faults are scripted per request:
 * {@link #failNext(int, int)} answers the next requests with 429 (rate limit) or a 5xx before looking at them.
 */
public final class AlpacaTestServer implements AutoCloseable {

    public static final String KEY_ID = "PKTESTKEY0000000000";
    public static final String SECRET = "test-secret-0000000000000000000000000000";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received: method, path with query, body. */
    public record Received(String method, String path, String body) {
    }

    private static final class Order {
        final String id = UUID.randomUUID().toString();
        final String clientOrderId;
        final String symbol;
        final String side;
        final long qty;
        final Instant createdAt = Instant.now();
        String status = "accepted";
        long filledQty;
        double filledNotional;
        Instant filledAt;

        Order(String clientOrderId, String symbol, String side, long qty) {
            this.clientOrderId = clientOrderId;
            this.symbol = symbol;
            this.side = side;
            this.qty = qty;
        }
    }

    private final HttpServer server;
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<String, Double> prices = new LinkedHashMap<>();
    private final Map<String, Long> positions = new LinkedHashMap<>();
    private final Map<String, Double> positionCost = new LinkedHashMap<>();
    private final Deque<Integer> faults = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private double cash = 100_000.0;
    private boolean fillOnArrival;
    private ZonedDateTime fillTime;

    private AlpacaTestServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port: cash 100000, no positions, orders fill only when told. */
    public static AlpacaTestServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            AlpacaTestServer alpaca = new AlpacaTestServer(http);
            http.createContext("/", alpaca::handle);
            http.start();
            return alpaca;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Alpaca test server on 127.0.0.1", e);
        }
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized AlpacaTestServer cash(double dollars) {
        cash = dollars;
        return this;
    }

    /** The symbol's last price: buying-power checks, fills on arrival, market value. */
    public synchronized AlpacaTestServer price(String symbol, double price) {
        prices.put(symbol, price);
        return this;
    }

    /** Every order from now on fills in full on arrival at its symbol's price. */
    public synchronized AlpacaTestServer fillOnArrival(boolean fill) {
        fillOnArrival = fill;
        return this;
    }

    /** The time fills are stamped with ({@code filled_at}); default: now. */
    public synchronized AlpacaTestServer fillTime(ZonedDateTime at) {
        fillTime = at;
        return this;
    }

    /** The next {@code count} requests, of any route, get {@code status} (429, 500, 503...) without being looked at. */
    public synchronized AlpacaTestServer failNext(int status, int count) {
        for (int i = 0; i < count; i++) {
            faults.add(status);
        }
        return this;
    }

    /** Fills {@code qty} more shares of the order at {@code price}: partially_filled, or filled when complete. */
    public synchronized void fill(String clientOrderId, long qty, double price) {
        Order order = orders.get(clientOrderId);
        if (order == null || qty < 1 || order.filledQty + qty > order.qty) {
            throw new IllegalArgumentException("cannot fill " + qty + " of " + clientOrderId);
        }
        order.filledQty += qty;
        order.filledNotional += qty * price;
        order.filledAt = fillTime == null ? Instant.now() : fillTime.toInstant();
        order.status = order.filledQty == order.qty ? "filled" : "partially_filled";
        long signed = order.side.equals("buy") ? qty : -qty;
        cash -= signed * price;
        long before = positions.getOrDefault(order.symbol, 0L);
        long after = before + signed;
        positions.put(order.symbol, after);
        positionCost.put(order.symbol, after == 0 ? 0.0 : positionCost.getOrDefault(order.symbol, 0.0) + signed * price);
        if (after == 0) {
            positions.remove(order.symbol);
            positionCost.remove(order.symbol);
        }
    }

    /** Cancels what is left of the order. */
    public synchronized void cancel(String clientOrderId) {
        orders.get(clientOrderId).status = "canceled";
    }

    /** Every request, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many orders were accepted (refusals not counted). */
    public synchronized int orderCount() {
        return orders.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(method, path + (query == null ? "" : "?" + query), body));
        synchronized (this) {
            Integer fault = faults.poll();
            if (fault != null) {
                send(exchange, fault, fault == 429 ? error(null, "too many requests.") : error(null, "internal server error"));
                return;
            }
            if (!KEY_ID.equals(exchange.getRequestHeaders().getFirst("APCA-API-KEY-ID"))
                    || !SECRET.equals(exchange.getRequestHeaders().getFirst("APCA-API-SECRET-KEY"))) {
                send(exchange, 401, error(null, "unauthorized."));
                return;
            }
            if (method.equals("POST") && path.equals("/v2/orders")) {
                placeOrder(exchange, body);
            } else if (method.equals("GET") && path.equals("/v2/orders:by_client_order_id")) {
                String id = queryParameter(query, "client_order_id");
                Order order = id == null ? null : orders.get(id);
                if (order == null) {
                    send(exchange, 404, error(40410000, "order not found"));
                } else {
                    send(exchange, 200, json(order));
                }
            } else if (method.equals("GET") && path.equals("/v2/account")) {
                send(exchange, 200, account());
            } else if (method.equals("GET") && path.equals("/v2/positions")) {
                send(exchange, 200, positionsJson());
            } else {
                send(exchange, 404, error(null, "Not Found"));
            }
        }
    }

    private void placeOrder(HttpExchange exchange, String body) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            send(exchange, 400, error(40010000, "request body format is invalid"));
            return;
        }
        String symbol = request.path("symbol").asText("");
        String side = request.path("side").asText("");
        String type = request.path("type").asText("");
        String tif = request.path("time_in_force").asText("");
        long qty;
        try {
            qty = Long.parseLong(request.path("qty").asText(""));
        } catch (NumberFormatException e) {
            qty = 0;
        }
        if (symbol.isEmpty() || !prices.containsKey(symbol)) {
            send(exchange, 422, error(40010001, "invalid symbol: " + symbol));
            return;
        }
        if (!(side.equals("buy") || side.equals("sell")) || !type.equals("market") || tif.isEmpty() || qty < 1) {
            send(exchange, 422, error(40010001, "invalid order: side, type, time_in_force and a positive qty are required"));
            return;
        }
        String clientOrderId = request.hasNonNull("client_order_id") ? request.get("client_order_id").asText() : UUID.randomUUID().toString();
        if (clientOrderId.length() > 128) {
            send(exchange, 422, error(40010001, "client_order_id must be no more than 128 characters"));
            return;
        }
        if (orders.containsKey(clientOrderId)) {
            send(exchange, 422, error(40010001, "client_order_id must be unique"));
            return;
        }
        long held = positions.getOrDefault(symbol, 0L);
        boolean opening = side.equals("buy") ? held >= 0 : held <= 0;
        if (opening && qty * prices.get(symbol) > buyingPower()) {
            send(exchange, 403, error(40310000, "insufficient buying power"));
            return;
        }
        Order order = new Order(clientOrderId, symbol, side, qty);
        orders.put(clientOrderId, order);
        if (fillOnArrival) {
            fill(clientOrderId, qty, prices.get(symbol));
        }
        send(exchange, 200, json(order));
    }

    /** Cash less what open buy orders and opening sells would still take, never below zero. */
    private double buyingPower() {
        double committed = 0;
        for (Order o : orders.values()) {
            if (o.status.equals("accepted") || o.status.equals("partially_filled")) {
                committed += (o.qty - o.filledQty) * prices.getOrDefault(o.symbol, 0.0);
            }
        }
        return Math.max(0, cash - committed);
    }

    private ObjectNode json(Order o) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", o.id)
                .put("client_order_id", o.clientOrderId)
                .put("created_at", o.createdAt.toString())
                .put("updated_at", Instant.now().toString())
                .put("submitted_at", o.createdAt.toString());
        node.put("filled_at", o.filledAt == null ? null : o.filledAt.atOffset(ZoneOffset.UTC).toString());
        node.putNull("expired_at");
        node.putNull("canceled_at");
        node.put("asset_class", "us_equity")
                .put("symbol", o.symbol)
                .put("qty", Long.toString(o.qty))
                .put("filled_qty", Long.toString(o.filledQty));
        node.put("filled_avg_price", o.filledQty == 0 ? null : String.format(Locale.ROOT, "%.4f", o.filledNotional / o.filledQty));
        node.put("order_class", "")
                .put("order_type", "market")
                .put("type", "market")
                .put("side", o.side)
                .put("time_in_force", "day")
                .putNull("limit_price");
        node.putNull("stop_price");
        node.put("status", o.status).put("extended_hours", false);
        return node;
    }

    private ObjectNode account() {
        double equity = cash;
        for (Map.Entry<String, Long> p : positions.entrySet()) {
            equity += p.getValue() * prices.getOrDefault(p.getKey(), 0.0);
        }
        return JSON.createObjectNode()
                .put("id", "00000000-0000-0000-0000-000000000001")
                .put("account_number", "PA0000TEST")
                .put("status", "ACTIVE")
                .put("currency", "USD")
                .put("cash", money(cash))
                .put("buying_power", money(buyingPower()))
                .put("equity", money(equity))
                .put("pattern_day_trader", false)
                .put("trading_blocked", false)
                .put("shorting_enabled", true);
    }

    private ArrayNode positionsJson() {
        ArrayNode list = JSON.createArrayNode();
        for (Map.Entry<String, Long> p : positions.entrySet()) {
            double price = prices.getOrDefault(p.getKey(), 0.0);
            list.addObject()
                    .put("symbol", p.getKey())
                    .put("asset_class", "us_equity")
                    .put("qty", Long.toString(p.getValue()))
                    .put("side", p.getValue() < 0 ? "short" : "long")
                    .put("avg_entry_price", money(positionCost.get(p.getKey()) / p.getValue()))
                    .put("market_value", money(p.getValue() * price))
                    .put("current_price", money(price));
        }
        return list;
    }

    private static String money(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static ObjectNode error(Integer code, String message) {
        ObjectNode node = JSON.createObjectNode();
        if (code != null) {
            node.put("code", code);
        }
        return node.put("message", message);
    }

    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
