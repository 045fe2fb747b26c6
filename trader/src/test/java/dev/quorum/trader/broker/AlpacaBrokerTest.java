package dev.quorum.trader.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.testkit.AlpacaTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Alpaca client against the protocol-faithful test server: every documented answer to an order. */
class AlpacaBrokerTest {

    private static final String ID = "3f2b8c1d4e5a46b7a8c9d0e1f2a3b4c5";
    private static final OrderRequest BUY_10 = new OrderRequest(ID, "AAPL", Side.BUY, 10, LocalDate.parse("2024-06-14"));

    private final AlpacaTestServer alpaca = AlpacaTestServer.start().price("AAPL", 200.0);
    private final AlpacaBroker broker = new AlpacaBroker(URI.create(alpaca.baseUrl()), AlpacaTestServer.KEY_ID, AlpacaTestServer.SECRET, false);

    @AfterEach
    void stop() {
        alpaca.close();
    }

    @Test
    void should_place_a_market_day_order_under_the_correlation_id_with_the_key_headers() throws Exception {
        OrderState state = broker.place(BUY_10, Optional.empty());

        assertEquals(OrderStatus.ACCEPTED, state.status());
        assertEquals(0, state.filledQuantity());
        JsonNode body = new ObjectMapper().readTree(alpaca.received().get(0).body());
        assertEquals(Map.of("symbol", "AAPL", "qty", "10", "side", "buy", "type", "market", "time_in_force", "day", "client_order_id", ID),
                new ObjectMapper().convertValue(body, Map.class));
        assertEquals("alpaca-paper", broker.name());
    }

    @Test
    void should_follow_a_partial_fill_to_the_full_fill_with_the_average_price() throws Exception {
        alpaca.fillTime(ZonedDateTime.parse("2024-06-17T13:31:00Z"));
        broker.place(BUY_10, Optional.empty());
        alpaca.fill(ID, 4, 200.0);
        OrderState partial = broker.refresh(BUY_10, Optional.empty());
        assertEquals(OrderStatus.PARTIALLY_FILLED, partial.status());
        assertEquals(4, partial.filledQuantity());
        assertEquals(200.0, partial.averagePrice(), 1e-9);

        alpaca.fill(ID, 6, 201.0);
        OrderState filled = broker.refresh(BUY_10, Optional.empty());
        assertEquals(OrderStatus.FILLED, filled.status());
        assertEquals(10, filled.filledQuantity());
        // (4 x 200 + 6 x 201) / 10 = 200.6
        assertEquals(200.6, filled.averagePrice(), 1e-9);
        // 13:31 UTC is 09:31 in New York: the session of 2024-06-17.
        assertEquals(LocalDate.parse("2024-06-17"), filled.lastFillOn());
        assertEquals(Optional.of(Map.of("AAPL", 10L)), broker.positions());
        // cash 100000 - 2006 = 97994, plus 10 x 200 = 99994
        assertEquals(99_994.0, broker.equity().getAsDouble(), 1e-9);
    }

    @Test
    void should_turn_insufficient_buying_power_into_a_rejected_order() throws Exception {
        alpaca.cash(1_000);
        OrderState state = broker.place(BUY_10, Optional.empty());
        assertEquals(OrderStatus.REJECTED, state.status());
        assertEquals("Alpaca 403: insufficient buying power", state.reason());
        assertEquals(0, alpaca.orderCount());
    }

    @Test
    void should_adopt_the_order_already_placed_when_the_client_order_id_is_taken() throws Exception {
        OrderState first = broker.place(BUY_10, Optional.empty());
        // The answer was lost; the trader places it again after a restart: 422, then the order under that id.
        OrderState again = broker.place(BUY_10, Optional.empty());
        assertEquals(first.brokerOrderId(), again.brokerOrderId());
        assertEquals(OrderStatus.ACCEPTED, again.status());
        assertEquals(1, alpaca.orderCount());
        assertTrue(alpaca.received().get(2).path().startsWith("/v2/orders:by_client_order_id?client_order_id=" + ID));
    }

    @Test
    void should_leave_the_order_unknown_on_a_rate_limit_or_a_server_error_and_place_it_once_later() throws Exception {
        alpaca.failNext(429, 1).failNext(503, 1);
        BrokerException limited = assertThrows(BrokerException.class, () -> broker.place(BUY_10, Optional.empty()));
        assertTrue(limited.getMessage().contains("429"), limited.getMessage());
        BrokerException down = assertThrows(BrokerException.class, () -> broker.place(BUY_10, Optional.empty()));
        assertTrue(down.getMessage().contains("503"), down.getMessage());
        assertEquals(OrderStatus.ACCEPTED, broker.place(BUY_10, Optional.empty()).status());
        assertEquals(1, alpaca.orderCount());
    }

    @Test
    void should_report_an_order_alpaca_never_got_as_rejected_and_a_canceled_remainder_as_canceled() throws Exception {
        assertEquals(OrderStatus.REJECTED, broker.refresh(BUY_10, Optional.empty()).status());
        broker.place(BUY_10, Optional.empty());
        alpaca.fill(ID, 3, 200.0);
        alpaca.cancel(ID);
        OrderState canceled = broker.refresh(BUY_10, Optional.empty());
        assertEquals(OrderStatus.CANCELED, canceled.status());
        assertEquals(3, canceled.filledQuantity());
    }

    @Test
    void should_fail_without_the_right_keys() {
        AlpacaBroker wrongKeys = new AlpacaBroker(URI.create(alpaca.baseUrl()), "PKWRONG", "wrong", false);
        BrokerException e = assertThrows(BrokerException.class, wrongKeys::equity);
        assertTrue(e.getMessage().contains("401"), e.getMessage());
    }
}
