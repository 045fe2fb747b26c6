package dev.quorum.trader.config;

import java.util.Map;
import java.util.Optional;

/**
 * The trader's secrets and confirmations, from the environment only (files get committed, shared, pasted).
 *
 * @param redisUrl     {@code QUORUM_TRADER_REDIS_URL}: replaces {@code stream.redis_url} (the way to pass a password)
 * @param quorumToken  {@code QUORUM_HTTP_TOKEN}: the bearer token of Quorum's API, the same variable Quorum reads
 * @param alpacaKeyId  {@code APCA_API_KEY_ID}, Alpaca's own variable name
 * @param alpacaSecret {@code APCA_API_SECRET_KEY}
 * @param liveConfirmed {@code QUORUM_TRADER_CONFIRM_LIVE=yes}: the second key of live trading
 */
public record TraderEnvironment(Optional<String> redisUrl, Optional<String> quorumToken, Optional<String> alpacaKeyId,
                                Optional<String> alpacaSecret, boolean liveConfirmed) {

    public static final String REDIS_URL = "QUORUM_TRADER_REDIS_URL";
    public static final String TOKEN = "QUORUM_HTTP_TOKEN";
    public static final String ALPACA_KEY_ID = "APCA_API_KEY_ID";
    public static final String ALPACA_SECRET = "APCA_API_SECRET_KEY";
    public static final String CONFIRM_LIVE = "QUORUM_TRADER_CONFIRM_LIVE";

    public static TraderEnvironment from(Map<String, String> env) {
        return new TraderEnvironment(value(env, REDIS_URL), value(env, TOKEN), value(env, ALPACA_KEY_ID),
                value(env, ALPACA_SECRET), "yes".equals(env.get(CONFIRM_LIVE)));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public String toString() {
        // Never print the secrets themselves.
        return "TraderEnvironment[redisUrl=" + redisUrl.map(u -> "set").orElse("unset") + ", quorumToken="
                + quorumToken.map(t -> "set").orElse("unset") + ", alpacaKeys=" + (alpacaKeyId.isPresent() && alpacaSecret.isPresent())
                + ", liveConfirmed=" + liveConfirmed + "]";
    }
}
