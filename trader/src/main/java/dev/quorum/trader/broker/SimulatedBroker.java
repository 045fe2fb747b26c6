package dev.quorum.trader.broker;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Paper fills from the market data: an order placed on session D fills in full at the open of the first session
 * after D, paying {@code costBps} of its notional (the backtest's cost model: per side, on entry and on exit). Until
 * that session is in the data the order stays accepted. It keeps no state of its own (the state is a function of the
 * order and the data), so restarts and repeated placements are trivially idempotent.
 */
public final class SimulatedBroker implements Broker {

    private final MarketData market;
    private final double costBps;

    public SimulatedBroker(MarketData market, double costBps) {
        this.market = market;
        this.costBps = costBps;
    }

    @Override
    public String name() {
        return "simulated";
    }

    @Override
    public boolean fillsFromMarketData() {
        return true;
    }

    @Override
    public OrderState place(OrderRequest order, Optional<LocalDate> through) {
        return refresh(order, through);
    }

    /** Filled at the open of the first session after the order's, unless that session is after {@code through}. */
    @Override
    public OrderState refresh(OrderRequest order, Optional<LocalDate> through) {
        if (market.sessions(order.ticker()).isEmpty()) {
            return OrderState.rejected("no market data for " + order.ticker() + " under " + market.directory().resolve("prices"));
        }
        String id = "sim-" + order.clientOrderId();
        return market.after(order.ticker(), order.placedOn())
                .filter(session -> through.isEmpty() || !session.date().isAfter(through.get()))
                .map(session -> new OrderState(OrderStatus.FILLED, id, order.quantity(), session.open(),
                        cost(order.quantity(), session.open()), session.date(), ""))
                .orElse(OrderState.accepted(id));
    }

    /** The modelled cost of one side: {@code costBps} of the notional. */
    public double cost(long quantity, double price) {
        return quantity * price * costBps / 10_000.0;
    }

    @Override
    public OptionalDouble equity() {
        return OptionalDouble.empty();
    }

    @Override
    public Optional<Map<String, Long>> positions() {
        return Optional.empty();
    }
}
