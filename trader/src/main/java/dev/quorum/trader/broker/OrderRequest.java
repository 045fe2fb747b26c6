package dev.quorum.trader.broker;

import java.time.LocalDate;

/**
 * A market order as the trader places it.
 *
 * @param clientOrderId the decision's correlation id for an opening order ({@code <id>-close} for its closing one):
 *                      the broker refuses a second order with the same id, so a restart never doubles an order
 * @param quantity      whole shares, at least one
 * @param placedOn      the session the order was placed on; the simulated broker fills it at the next session's open
 */
public record OrderRequest(String clientOrderId, String ticker, Side side, long quantity, LocalDate placedOn) {

    public OrderRequest {
        if (quantity < 1) {
            throw new IllegalArgumentException("an order needs at least one share, was " + quantity);
        }
    }
}
