package dev.quorum.trader.broker;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where orders are placed. Every call is idempotent on the client order id: placing an order the broker already has
 * returns that order's state instead of a second order.
 */
public interface Broker {

    /** For logs and {@code status}: {@code simulated}, {@code alpaca-paper}, {@code alpaca-live}. */
    String name();

    /**
     * The broker fills from the market data, at the open of the session after the order's (the simulated one), so a
     * decision of any past day fills at its own session's prices. False for a broker that lives in the present
     * (Alpaca): it would fill an old decision at today's price, so the trader does not send it one.
     */
    default boolean fillsFromMarketData() {
        return false;
    }

    /**
     * Places the order, or returns the state of the one already placed under its client order id. A refusal (buying
     * power, unknown symbol) is a {@link OrderStatus#REJECTED} state, not an exception.
     *
     * @param through the last session whose prices may fill it (empty: any): a broker that fills from the market data
     *                (the simulated one) fills nothing on a later session, so a book catching up on a backlog of
     *                decisions does not run ahead of the ones still to be read. A broker that lives in the present
     *                (Alpaca) has no other session to fill at, and ignores it.
     * @throws BrokerException when the broker could not be asked (retried on the next sweep)
     */
    OrderState place(OrderRequest order, Optional<LocalDate> through) throws BrokerException;

    /**
     * The order's current state, as of {@code through} as {@link #place} reads it; an order the broker never got comes
     * back {@link OrderStatus#REJECTED}.
     */
    OrderState refresh(OrderRequest order, Optional<LocalDate> through) throws BrokerException;

    /** The account's equity when the broker keeps one; empty: the trader's own book is the account. */
    OptionalDouble equity() throws BrokerException;

    /**
     * The broker's positions, signed shares by ticker (short negative), for reconciliation on start; empty when
     * the broker keeps no account of its own.
     */
    Optional<Map<String, Long>> positions() throws BrokerException;
}
