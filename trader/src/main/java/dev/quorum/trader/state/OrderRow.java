package dev.quorum.trader.state;

import dev.quorum.trader.broker.OrderRequest;
import dev.quorum.trader.broker.Side;

import java.time.LocalDate;
import java.util.List;

/**
 * An order as stored.
 *
 * @param purpose OPEN or CLOSE: which side of the position {@code correlationId} it trades
 * @param status  PENDING (not yet acknowledged by the broker) or an {@link dev.quorum.trader.broker.OrderStatus} name
 */
public record OrderRow(String clientOrderId, String correlationId, String purpose, String ticker, Side side,
                       long quantity, LocalDate placedOn, String status, String brokerOrderId, long filledQuantity,
                       double averagePrice, double cost, String reason) {

    /** The broker still works on it, or has not been told about it yet. */
    public static final List<String> WORKING = List.of("PENDING", "ACCEPTED", "PARTIALLY_FILLED");

    public boolean working() {
        return WORKING.contains(status);
    }

    public OrderRequest request() {
        return new OrderRequest(clientOrderId, ticker, side, quantity, placedOn);
    }

    public boolean opening() {
        return purpose.equals("OPEN");
    }
}
