package dev.quorum.trader.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The trader's file, every key optional (defaults in {@code config/trader.example.yaml}). Relative paths are
 * resolved against the working directory.
 *
 * @param marketDataDir the market data in Quorum's layout ({@code prices/<TICKER>.csv}): reference prices for sizing,
 *                      the session calendar of holding periods and stops, and the simulated broker's fills
 * @param statePath     the trader's own SQLite file (orders, fills, positions, feedback outbox)
 * @param metricsPort   the port of {@code GET /metrics} on 127.0.0.1 while {@code trade} runs; null: none, 0: any free
 * @param sweepSeconds  how often fills, exits and the feedback outbox are looked at while the stream is quiet
 */
public record TraderConfig(StreamSettings stream, String marketDataDir, String statePath, PolicySettings policy,
                           BrokerSettings broker, FeedbackSettings feedback, Integer metricsPort, Integer sweepSeconds) {

    public TraderConfig {
        stream = Checks.orDefault(stream, StreamSettings.defaults());
        marketDataDir = Checks.text("market_data_dir", Checks.orDefault(marketDataDir, "samples/market"));
        statePath = Checks.text("state_path", Checks.orDefault(statePath, "var/trader.db"));
        policy = Checks.orDefault(policy, PolicySettings.defaults());
        broker = Checks.orDefault(broker, BrokerSettings.defaults());
        feedback = Checks.orDefault(feedback, FeedbackSettings.defaults());
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            throw TraderConfigException.at("metrics_port", "must be in [0, 65535] or null, was " + metricsPort);
        }
        sweepSeconds = Checks.atLeast("sweep_seconds", Checks.orDefault(sweepSeconds, 10), 1);
    }

    public static TraderConfig defaults() {
        return new TraderConfig(null, null, null, null, null, null, null, null);
    }

    public Path marketData() {
        return Path.of(marketDataDir);
    }

    public Path state() {
        return Path.of(statePath);
    }

    public Optional<Integer> metrics() {
        return Optional.ofNullable(metricsPort);
    }
}
