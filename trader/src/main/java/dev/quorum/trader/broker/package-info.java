/**
 * Where orders go: {@link dev.quorum.trader.broker.Broker} with the {@link dev.quorum.trader.broker.SimulatedBroker}
 * (paper fills at the next session's open from the market data, with a bps cost per side) and the
 * {@link dev.quorum.trader.broker.AlpacaBroker} (Alpaca's trading API, paper by default). Both are idempotent on the
 * client order id, so a restarted trader never doubles an order. {@link dev.quorum.trader.broker.MarketData} is the
 * trader's clock and reference prices: the session rows of {@code prices/<TICKER>.csv}.
 */
package dev.quorum.trader.broker;
