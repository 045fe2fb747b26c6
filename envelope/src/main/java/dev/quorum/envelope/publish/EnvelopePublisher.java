package dev.quorum.envelope.publish;

import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.envelope.redis.ArenaKeys;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;

import java.util.Map;
import java.util.Objects;

/**
 * Publishes an envelope: {@code XADD stream * data <json>} and {@code HSET} of its decision hash, in one
 * MULTI/EXEC so no client ever sees one without the other. The hash is skipped when the ticker is empty
 * (a degraded run has no target to look up). Thread-safe: each publish borrows its own connection.
 */
public final class EnvelopePublisher {

    private final UnifiedJedis redis;
    private final PublisherSettings settings;

    public EnvelopePublisher(UnifiedJedis redis, PublisherSettings settings) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** @return the stream entry id Redis assigned, e.g. {@code 1747057500123-0} */
    public String publish(TradingIntelligenceEnvelope envelope) {
        String json = EnvelopeJson.encode(envelope);
        String ticker = envelope.decision().target().ticker();
        Response<StreamEntryID> entryId;
        Response<Long> hashWrite = null;
        try (AbstractTransaction tx = redis.multi()) {
            entryId = tx.xadd(settings.stream(), xaddParams(), Map.of(ArenaKeys.DATA_FIELD, json));
            if (!ticker.isEmpty()) {
                String key = ArenaKeys.decisionHash(ticker, envelope.decision().target().tradeDate());
                hashWrite = tx.hset(key, DecisionHashFields.of(envelope, json));
            }
            execute(tx);
        }
        String id = result(entryId, "XADD to " + settings.stream() + " failed; nothing was written").toString();
        if (hashWrite != null) {
            // Redis does not roll back a transaction: a failing HSET (e.g. the key holds another type) leaves the entry.
            result(hashWrite, "HSET of the decision hash failed after stream entry " + id + " was written");
        }
        return id;
    }

    private static void execute(AbstractTransaction tx) {
        try {
            tx.exec();
        } catch (JedisDataException e) {
            throw new PublishException("Redis aborted the publish transaction; nothing was written: " + e.getMessage(), e);
        }
    }

    private XAddParams xaddParams() {
        XAddParams params = XAddParams.xAddParams();
        return settings.maxLength() > 0 ? params.maxLen(settings.maxLength()).approximateTrimming() : params;
    }

    private static <T> T result(Response<T> response, String failure) {
        try {
            return response.get();
        } catch (JedisDataException e) {
            throw new PublishException(failure + ": " + e.getMessage(), e);
        }
    }
}
