package dev.quorum.trader.broker;

import java.time.LocalDate;

/**
 * An order as the broker reports it: cumulative fill quantity and average price (Alpaca's {@code filled_qty},
 * {@code filled_avg_price}), the cumulative modelled cost, and the session of the last fill.
 *
 * @param reason why it was rejected or canceled; empty otherwise
 */
public record OrderState(OrderStatus status, String brokerOrderId, long filledQuantity, double averagePrice,
                         double cost, LocalDate lastFillOn, String reason) {

    public static OrderState accepted(String brokerOrderId) {
        return new OrderState(OrderStatus.ACCEPTED, brokerOrderId, 0, 0, 0, null, "");
    }

    public static OrderState rejected(String reason) {
        return new OrderState(OrderStatus.REJECTED, "", 0, 0, 0, null, reason);
    }
}
