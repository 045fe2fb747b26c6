package dev.quorum.envelope.consume;

import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.envelope.redis.ArenaKeys;
import redis.clients.jedis.UnifiedJedis;

import java.util.Objects;
import java.util.Optional;

/** "What does Quorum currently think about NVDA on 2026-05-11?" in one HGET of the decision hash. */
public final class DecisionLookup {

    private final UnifiedJedis redis;

    public DecisionLookup(UnifiedJedis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    /** The latest envelope published for the target, or empty when there is none (or it cannot be decoded: WARN logged). */
    public Optional<TradingIntelligenceEnvelope> current(String ticker, String tradeDate) {
        String json = redis.hget(ArenaKeys.decisionHash(ticker, tradeDate), "json");
        return json == null ? Optional.empty() : EnvelopeJson.decode(json);
    }
}
