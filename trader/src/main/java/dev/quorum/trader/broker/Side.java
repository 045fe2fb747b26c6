package dev.quorum.trader.broker;

/** An order's side, as Alpaca spells it on the wire. */
public enum Side {
    BUY, SELL;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
