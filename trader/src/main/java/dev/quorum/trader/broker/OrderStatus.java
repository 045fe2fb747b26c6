package dev.quorum.trader.broker;

/** Where an order stands at the broker; the last three are final. */
public enum OrderStatus {
    ACCEPTED, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED;

    public boolean isFinal() {
        return this == FILLED || this == CANCELED || this == REJECTED;
    }
}
