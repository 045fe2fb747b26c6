package dev.quorum.trader.config;

import java.util.Locale;

/**
 * Which broker fills the orders ({@code broker:} in the trader's file).
 *
 * @param kind           {@code simulated} (default: fills at the next session's open from the market data) or
 *                       {@code alpaca} (Alpaca's trading API, paper by default)
 * @param startingEquity the simulated account's equity before any trade (Alpaca reports its own)
 * @param costBps        simulated cost per side in basis points of the notional, as the backtest's cost model
 * @param alpacaUrl      Alpaca's trading API; null: the paper endpoint (the live one only when {@code live} is
 *                       confirmed)
 * @param live           trade real money on Alpaca; also needs {@code QUORUM_TRADER_CONFIRM_LIVE=yes}
 */
public record BrokerSettings(String kind, Double startingEquity, Double costBps, String alpacaUrl, Boolean live) {

    public static final String PAPER_URL = "https://paper-api.alpaca.markets";
    public static final String LIVE_URL = "https://api.alpaca.markets";

    /** The brokers the trader knows. */
    public enum Kind { SIMULATED, ALPACA }

    public BrokerSettings {
        kind = Checks.orDefault(kind, "simulated").toLowerCase(Locale.ROOT);
        if (!kind.equals("simulated") && !kind.equals("alpaca")) {
            throw TraderConfigException.at("broker.kind", "must be simulated or alpaca, was " + kind);
        }
        startingEquity = Checks.positive("broker.starting_equity", Checks.orDefault(startingEquity, 100_000.0));
        costBps = Checks.between("broker.cost_bps", Checks.orDefault(costBps, 5.0), 0, 1000);
        if (alpacaUrl != null) {
            Checks.httpUrl("broker.alpaca_url", alpacaUrl);
        }
        live = Checks.orDefault(live, false);
    }

    public static BrokerSettings defaults() {
        return new BrokerSettings(null, null, null, null, null);
    }

    public Kind brokerKind() {
        return Kind.valueOf(kind.toUpperCase(Locale.ROOT));
    }
}
