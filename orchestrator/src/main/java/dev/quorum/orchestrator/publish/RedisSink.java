package dev.quorum.orchestrator.publish;

import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.envelope.publish.EncodedEnvelope;
import dev.quorum.envelope.publish.EnvelopePublisher;
import dev.quorum.envelope.publish.PublisherSettings;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.memory.store.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import java.util.ArrayList;
import java.util.List;

/**
 * The stream entry and decision hash, in one MULTI/EXEC (the envelope module's publisher); a batch of envelopes in
 * one MULTI/EXEC holding all their writes, in order. Outbox entries are published as stored (our own encoding).
 * An envelope whose decision hash Redis refuses (the key holds another type) is published all the same, with an
 * ERROR naming the key: retrying would fail alike and append the entry, and every one behind it, again each time.
 */
public final class RedisSink implements BatchSink {

    private static final Logger log = LoggerFactory.getLogger(RedisSink.class);

    private final EnvelopePublisher publisher;
    private final String description;

    public RedisSink(UnifiedJedis redis, String url, PublisherSettings settings) {
        this.publisher = new EnvelopePublisher(redis, settings);
        this.description = RedisUrl.redact(url) + " stream " + settings.stream();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String publish(String correlationId, String envelopeJson) {
        return publisher.publishEncoded(List.of(wire(correlationId, envelopeJson)), RedisSink::hashRefused).get(0);
    }

    /** The stored JSON goes out byte for byte; only the decision hash's fields are read from it, here. */
    @Override
    public Batch prepare(List<OutboxEntry> entries) {
        List<EncodedEnvelope> envelopes = new ArrayList<>(entries.size());
        for (OutboxEntry entry : entries) {
            envelopes.add(wire(entry.correlationId(), entry.envelopeJson()));
        }
        return () -> publisher.publishEncoded(envelopes, RedisSink::hashRefused);
    }

    private static void hashRefused(String failure) {
        log.error("{}; the envelope counts as published (the stream entry is the record) and is not appended again: "
                + "remove or rename that key, and the next decision of this ticker and trade date writes the hash", failure);
    }

    private static EncodedEnvelope wire(String correlationId, String envelopeJson) {
        try {
            return EncodedEnvelope.ofWireJson(envelopeJson);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("outbox envelope " + correlationId + ": " + e.getMessage(), e);
        }
    }

    /**
     * An outbox envelope, typed, for a sink in front of this one that decides on its content (the stored JSON is our
     * own encoding); what goes out is still the stored JSON.
     */
    public static TradingIntelligenceEnvelope stored(String correlationId, String envelopeJson) {
        return EnvelopeJson.decode(envelopeJson).orElseThrow(() ->
                new IllegalStateException("outbox envelope " + correlationId + " does not decode as a v1 envelope"));
    }
}
