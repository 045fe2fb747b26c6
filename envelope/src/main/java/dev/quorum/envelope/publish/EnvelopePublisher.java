package dev.quorum.envelope.publish;

import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.redis.ArenaKeys;
import dev.quorum.envelope.redis.SlotTransactions;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Publishes an envelope: {@code XADD stream * data <json>} and {@code HSET} of its decision hash. On one server
 * (standalone or behind Sentinels) both go in one MULTI/EXEC so no client ever sees one without the other, unless
 * Redis refuses one of them at EXEC (a key holding another type: it runs the rest all the same); the error says which.
 * On a Redis Cluster the two keys (names fixed by the wire contract) sit in different hash slots, where MULTI
 * cannot go (Jedis' cluster client refuses {@code multi()}, Redis answers CROSSSLOT): there the stream entry is
 * written first, then the hash. The stream is the record and the hash a cache of the latest decision, so the hash
 * is never ahead of the record; if the HSET fails, the {@link PublishException} says which entry was written and
 * a retry appends the envelope again with the same correlation id (consumers already dedupe on it: delivery is at
 * least once). The hash is skipped when the ticker is empty (a degraded run has no target to look up).
 * <p>{@link #publishAll} writes several envelopes in one round trip: on one server, one MULTI/EXEC holding every
 * envelope's XADD and HSET in order (all appear together, in that order); on a Cluster, envelope by envelope as above.
 * <p>An HSET that Redis refuses (the key holds another type: {@code WRONGTYPE}) fails the same way on every retry, and
 * each retry appends the entry again: a publisher that retries (the outbox) passes a {@code hashRefused} listener to
 * {@link #publishEncoded(List, Consumer)}, which then reports the refusal and counts the entry as published.
 * Thread-safe: each publish borrows its own connection.
 */
public final class EnvelopePublisher {

    private final UnifiedJedis redis;
    private final PublisherSettings settings;
    /** Whether the client is a Cluster client, whose keys may live on different masters: no MULTI there. */
    private final boolean cluster;

    public EnvelopePublisher(UnifiedJedis redis, PublisherSettings settings) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cluster = SlotTransactions.isCluster(redis);
    }

    /** @return the stream entry id Redis assigned, e.g. {@code 1747057500123-0} */
    public String publish(TradingIntelligenceEnvelope envelope) {
        return publishAll(List.of(envelope)).get(0);
    }

    /**
     * Publishes the envelopes in order in one round trip (see the class comment).
     *
     * @return the stream entry ids, in the same order
     * @throws PublishException when Redis refused a command; entries before it may have been written (a retry
     *                          appends them again with the same correlation ids: at least once)
     */
    public List<String> publishAll(List<TradingIntelligenceEnvelope> envelopes) {
        List<EncodedEnvelope> encoded = new ArrayList<>(envelopes.size());
        for (TradingIntelligenceEnvelope envelope : envelopes) {
            encoded.add(EncodedEnvelope.of(envelope));
        }
        return publishEncoded(encoded);
    }

    /**
     * Publishes envelopes already encoded (an outbox stores their JSON) in order in one round trip, as
     * {@link #publishAll}.
     */
    public List<String> publishEncoded(List<EncodedEnvelope> envelopes) {
        return publishEncoded(envelopes, null);
    }

    /**
     * As {@link #publishEncoded(List)}, except that an HSET Redis refuses after its stream entry was written is told to
     * {@code hashRefused} (one line naming the entry, the hash key and Redis' error) instead of failing the publish: the
     * entry is the record, and its id is returned with the others. A lost connection still throws.
     */
    public List<String> publishEncoded(List<EncodedEnvelope> envelopes, Consumer<String> hashRefused) {
        if (envelopes.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(envelopes.size());
        if (cluster) {
            for (EncodedEnvelope envelope : envelopes) {
                ids.add(publishInTwoSteps(envelope, hashRefused));
            }
            return ids;
        }
        List<Write> writes = new ArrayList<>(envelopes.size());
        try (AbstractTransaction tx = redis.multi()) {
            for (EncodedEnvelope envelope : envelopes) {
                writes.add(queue(tx, envelope));
            }
            execute(tx);
        }
        for (Write write : writes) {
            ids.add(write.result(hashRefused));
        }
        return ids;
    }

    /** Queues one envelope's XADD and (unless the ticker is empty) HSET in a transaction. */
    private Write queue(AbstractTransaction tx, EncodedEnvelope envelope) {
        Response<StreamEntryID> entryId = tx.xadd(settings.stream(), xaddParams(), Map.of(ArenaKeys.DATA_FIELD, envelope.json()));
        String hash = envelope.ticker().isEmpty() ? null : decisionHash(envelope);
        Response<Long> hashWrite = hash == null ? null : tx.hset(hash, envelope.decisionHashFields());
        return new Write(settings.stream(), entryId, hash, hashWrite);
    }

    /** One envelope's queued replies. */
    private record Write(String stream, Response<StreamEntryID> entryId, String hash, Response<Long> hashWrite) {

        String result(Consumer<String> hashRefused) {
            String id;
            try {
                id = entryId.get().toString();
            } catch (JedisDataException e) {
                // EXEC runs every queued command: the HSET went through although the XADD was refused (the stream key
                // holds another type). The hash is then ahead of the record; say so rather than "nothing was written".
                throw new PublishException("XADD to " + stream + " failed" + (hashWritten()
                        ? "; the decision hash " + hash + " was written all the same (Redis runs a transaction whole)"
                        : "; nothing was written") + ": " + e.getMessage(), e);
            }
            if (hashWrite != null) {
                // Redis does not roll back a transaction: a failing HSET (e.g. the key holds another type) leaves the entry.
                try {
                    hashWrite.get();
                } catch (JedisDataException e) {
                    refused(hashRefused, id, hash, e);
                }
            }
            return id;
        }

        private boolean hashWritten() {
            try {
                return hashWrite != null && hashWrite.get() != null;
            } catch (JedisDataException e) {
                return false;
            }
        }
    }

    private static void refused(Consumer<String> hashRefused, String id, String hash, JedisDataException e) {
        String failure = "HSET of the decision hash failed after stream entry " + id + " was written (" + hash + "): "
                + e.getMessage();
        if (hashRefused == null) {
            throw new PublishException(failure, e);
        }
        hashRefused.accept(failure);
    }

    private String publishInTwoSteps(EncodedEnvelope envelope, Consumer<String> hashRefused) {
        String id;
        try {
            id = redis.xadd(settings.stream(), xaddParams(), Map.of(ArenaKeys.DATA_FIELD, envelope.json())).toString();
        } catch (JedisDataException e) {
            // Redis refused the command. A lost connection propagates as is: the entry may or may not be there.
            throw new PublishException("XADD to " + settings.stream() + " failed; nothing was written: " + e.getMessage(), e);
        }
        if (!envelope.ticker().isEmpty()) {
            try {
                redis.hset(decisionHash(envelope), envelope.decisionHashFields());
            } catch (JedisDataException e) {
                refused(hashRefused, id, decisionHash(envelope), e);
            } catch (JedisException e) {
                // The link broke (Redis answered nothing): the entry is in the stream, say so; a retry writes the hash.
                throw new PublishException("HSET of the decision hash failed after stream entry " + id
                        + " was written: " + e.getMessage(), e);
            }
        }
        return id;
    }

    private static String decisionHash(EncodedEnvelope envelope) {
        return ArenaKeys.decisionHash(envelope.ticker(), envelope.tradeDate());
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
}
