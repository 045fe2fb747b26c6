package dev.quorum.trader.broker;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Alpaca's trading API (v2), paper by default: market day orders through {@code POST /v2/orders} with
 * {@code client_order_id} = the decision's correlation id, their state through
 * {@code GET /v2/orders:by_client_order_id}, the account's equity through {@code GET /v2/account} and its positions
 * through {@code GET /v2/positions}. Keys go in Alpaca's {@code APCA-API-KEY-ID} / {@code APCA-API-SECRET-KEY} headers.
 *
 * <p>Answers, as Alpaca documents them: 200 the order; 403 refused (insufficient buying power, shorting not
 * allowed): a rejected order; 422 the client order id is taken (a retry after a lost answer) or the order is invalid:
 * the order under that id is fetched and adopted, else it is rejected; 429 (rate limit), 5xx, a timeout or no
 * connection: {@link BrokerException}, asked again on the next sweep. Alpaca charges no commission; its fill prices
 * are the cost.
 */
public final class AlpacaBroker implements Broker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId MARKET_ZONE = ZoneId.of("America/New_York");

    private final URI base;
    private final String keyId;
    private final String secret;
    private final boolean live;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public AlpacaBroker(URI base, String keyId, String secret, boolean live) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.keyId = keyId;
        this.secret = secret;
        this.live = live;
    }

    @Override
    public String name() {
        return live ? "alpaca-live" : "alpaca-paper";
    }

    @Override
    public OrderState place(OrderRequest order, Optional<LocalDate> through) throws BrokerException {
        ObjectNode body = JSON.createObjectNode()
                .put("symbol", order.ticker())
                .put("qty", Long.toString(order.quantity()))
                .put("side", order.side().wire())
                .put("type", "market")
                .put("time_in_force", "day")
                .put("client_order_id", order.clientOrderId());
        Reply reply = send("POST", "/v2/orders", body.toString());
        return switch (reply.status()) {
            case 200, 201 -> state(reply.json());
            case 403 -> OrderState.rejected(message(reply));
            case 422 -> byClientOrderId(order.clientOrderId()).orElse(OrderState.rejected(message(reply)));
            default -> throw unexpected("POST /v2/orders", reply);
        };
    }

    @Override
    public OrderState refresh(OrderRequest order, Optional<LocalDate> through) throws BrokerException {
        return byClientOrderId(order.clientOrderId())
                .orElse(OrderState.rejected("Alpaca has no order with client_order_id " + order.clientOrderId()));
    }

    private Optional<OrderState> byClientOrderId(String clientOrderId) throws BrokerException {
        Reply reply = send("GET", "/v2/orders:by_client_order_id?client_order_id="
                + URLEncoder.encode(clientOrderId, StandardCharsets.UTF_8), null);
        return switch (reply.status()) {
            case 200 -> Optional.of(state(reply.json()));
            case 404 -> Optional.empty();
            default -> throw unexpected("GET /v2/orders:by_client_order_id", reply);
        };
    }

    @Override
    public OptionalDouble equity() throws BrokerException {
        Reply reply = send("GET", "/v2/account", null);
        if (reply.status() != 200) {
            throw unexpected("GET /v2/account", reply);
        }
        return OptionalDouble.of(decimal(reply.json().get("equity")));
    }

    @Override
    public Optional<Map<String, Long>> positions() throws BrokerException {
        Reply reply = send("GET", "/v2/positions", null);
        if (reply.status() != 200 || !reply.json().isArray()) {
            throw unexpected("GET /v2/positions", reply);
        }
        Map<String, Long> held = new LinkedHashMap<>();
        for (JsonNode position : reply.json()) {
            long shares = (long) Math.abs(decimal(position.get("qty")));
            boolean isShort = "short".equals(position.path("side").asText());
            held.put(position.path("symbol").asText(), isShort ? -shares : shares);
        }
        return Optional.of(held);
    }

    /** An order object as Alpaca returns it, in the trader's terms. */
    static OrderState state(JsonNode order) {
        long filled = (long) decimal(order.get("filled_qty"));
        JsonNode price = order.get("filled_avg_price");
        double average = price == null || price.isNull() ? 0 : decimal(price);
        String status = order.path("status").asText("").toLowerCase(Locale.ROOT);
        OrderStatus mapped = switch (status) {
            case "filled" -> OrderStatus.FILLED;
            case "partially_filled" -> OrderStatus.PARTIALLY_FILLED;
            case "canceled", "expired", "replaced" -> OrderStatus.CANCELED;
            case "rejected", "suspended" -> OrderStatus.REJECTED;
            default -> filled > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.ACCEPTED;
        };
        LocalDate filledOn = null;
        JsonNode filledAt = order.get("filled_at");
        if (filledAt != null && !filledAt.isNull()) {
            filledOn = OffsetDateTime.parse(filledAt.asText()).atZoneSameInstant(MARKET_ZONE).toLocalDate();
        } else if (filled > 0) {
            filledOn = LocalDate.now(MARKET_ZONE);
        }
        String reason = mapped == OrderStatus.CANCELED || mapped == OrderStatus.REJECTED ? "Alpaca status " + status : "";
        return new OrderState(mapped, order.path("id").asText(""), filled, average, 0.0, filledOn, reason);
    }

    private static double decimal(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        return node.isNumber() ? node.asDouble() : Double.parseDouble(node.asText("0"));
    }

    private record Reply(int status, String body, JsonNode json) {
    }

    private Reply send(String method, String path, String body) throws BrokerException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
                .header("APCA-API-KEY-ID", keyId)
                .header("APCA-API-SECRET-KEY", secret)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BrokerException(method + " " + base + path.replaceAll("\\?.*", "") + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted during " + method + " " + path, e);
        }
        JsonNode json;
        try {
            json = response.body() == null || response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (JacksonException e) {
            json = JSON.nullNode();
        }
        return new Reply(response.statusCode(), response.body(), json);
    }

    private static String message(Reply reply) {
        String message = reply.json().path("message").asText("");
        return "Alpaca " + reply.status() + ": " + (message.isEmpty() ? reply.body() : message);
    }

    private static BrokerException unexpected(String call, Reply reply) {
        return new BrokerException(call + " answered " + message(reply));
    }
}
