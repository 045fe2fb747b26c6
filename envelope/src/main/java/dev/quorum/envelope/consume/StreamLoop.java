package dev.quorum.envelope.consume;

import dev.quorum.envelope.json.DecodeResult;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.envelope.json.SkipReason;
import dev.quorum.envelope.redis.ArenaKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The read loop both consumers share: run until stopped, decode each entry (counting skips by reason,
 * never throwing), hand envelopes to the handler and survive its failures.
 */
abstract class StreamLoop implements EnvelopeConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(StreamLoop.class);

    protected final UnifiedJedis redis;
    protected final ReadSettings settings;
    protected final ConsumerStats stats = new ConsumerStats();
    private volatile boolean stopRequested;
    private volatile long limit = Long.MAX_VALUE;
    private long delivered;

    StreamLoop(UnifiedJedis redis, ReadSettings settings) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public final void run(EnvelopeHandler handler) {
        Objects.requireNonNull(handler, "handler");
        prepare();
        while (!stopRequested) {
            poll(handler);
        }
    }

    @Override
    public final void stop() {
        stopRequested = true;
    }

    @Override
    public final void stopAfter(long envelopes) {
        if (envelopes < 1) {
            throw new IllegalArgumentException("stopAfter needs at least 1 envelope, got " + envelopes);
        }
        limit = envelopes;
    }

    public final boolean stopRequested() {
        return stopRequested;
    }

    @Override
    public final ConsumerStats stats() {
        return stats;
    }

    /** Called once before the first poll. */
    protected void prepare() {
    }

    /** One blocking read and the handling of what it returned. */
    protected abstract void poll(EnvelopeHandler handler);

    /** The entry's envelope, or empty after counting why it was skipped. */
    protected final Optional<ReceivedEnvelope> decode(StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        String data = fields == null ? null : fields.get(ArenaKeys.DATA_FIELD);
        if (data == null) {
            LOG.warn("stream {} entry {} has no '{}' field; skipped", settings.stream(), entry.getID(), ArenaKeys.DATA_FIELD);
            stats.recordSkip(SkipReason.NO_DATA_FIELD);
            return Optional.empty();
        }
        DecodeResult result = EnvelopeJson.read(data);
        if (result instanceof DecodeResult.Skipped skipped) {
            stats.recordSkip(skipped.reason());
            return Optional.empty();
        }
        return result.envelope().map(envelope -> new ReceivedEnvelope(entry.getID().toString(), envelope));
    }

    /** How many entries the next read asks for: the batch size, or fewer when {@link #stopAfter} wants fewer. */
    protected final int batchSize() {
        return (int) Math.max(1, Math.min(settings.batchSize(), limit - delivered));
    }

    /** Runs the handler; true when it returned normally. */
    protected final boolean handle(EnvelopeHandler handler, ReceivedEnvelope received) {
        if (++delivered >= limit) {
            stop();
        }
        try {
            handler.handle(received);
            stats.recordHandled();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            return false;
        } catch (Exception e) {
            stats.recordHandlerFailure();
            LOG.warn("handler failed on stream {} entry {} ({}): {}", settings.stream(), received.entryId(),
                    e.getClass().getSimpleName(), e.getMessage());
            return false;
        }
    }

    protected final int blockMillis() {
        return (int) Math.min(Integer.MAX_VALUE, settings.blockTimeout().toMillis());
    }
}
