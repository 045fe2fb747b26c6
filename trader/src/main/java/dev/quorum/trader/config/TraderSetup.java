package dev.quorum.trader.config;

import java.net.URI;

/**
 * A validated configuration and environment, ready to start: the cross-checks between the file and the environment
 * (Alpaca keys, the two keys of live trading) are made here, once.
 */
public record TraderSetup(TraderConfig config, TraderEnvironment environment) {

    public TraderSetup {
        BrokerSettings broker = config.broker();
        if (broker.live() && broker.brokerKind() != BrokerSettings.Kind.ALPACA) {
            throw TraderConfigException.at("broker.live", "true needs broker.kind: alpaca (the simulated broker has no live mode)");
        }
        if (broker.live() && !environment.liveConfirmed()) {
            throw TraderConfigException.at("broker.live", "true also needs " + TraderEnvironment.CONFIRM_LIVE
                    + "=yes in the environment; refusing to trade real money on one switch");
        }
        if (!broker.live() && broker.alpacaUrl() != null && URI.create(broker.alpacaUrl()).getHost().equals(URI.create(BrokerSettings.LIVE_URL).getHost())) {
            throw TraderConfigException.at("broker.alpaca_url", broker.alpacaUrl() + " is the live endpoint; it needs broker.live: true and "
                    + TraderEnvironment.CONFIRM_LIVE + "=yes");
        }
        if (environment.redisUrl().isPresent()) {
            try {
                // Checked here, with the file's: a malformed one was a stack trace when the trader connected.
                dev.quorum.envelope.redis.RedisUrl.parse(environment.redisUrl().get());
            } catch (IllegalArgumentException e) {
                throw TraderConfigException.at(TraderEnvironment.REDIS_URL, e.getMessage());
            }
        }
        if (broker.brokerKind() == BrokerSettings.Kind.ALPACA
                && (environment.alpacaKeyId().isEmpty() || environment.alpacaSecret().isEmpty())) {
            throw TraderConfigException.at("broker.kind", "alpaca needs " + TraderEnvironment.ALPACA_KEY_ID + " and "
                    + TraderEnvironment.ALPACA_SECRET + " in the environment");
        }
    }

    /** Alpaca's base URL: the configured one, else the paper endpoint (the live one only when live is confirmed). */
    public URI alpacaBaseUrl() {
        BrokerSettings broker = config.broker();
        if (broker.alpacaUrl() != null) {
            return URI.create(broker.alpacaUrl());
        }
        return URI.create(broker.live() ? BrokerSettings.LIVE_URL : BrokerSettings.PAPER_URL);
    }

    /** The Redis URL to read from: the environment's (it may carry a password) over the file's. */
    public String redisUrl() {
        return environment.redisUrl().orElse(config.stream().redisUrl());
    }
}
