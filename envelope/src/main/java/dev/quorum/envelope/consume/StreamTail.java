package dev.quorum.envelope.consume;

import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

import java.util.List;
import java.util.Map;

/**
 * Follows the stream without a consumer group (XREAD): nothing is acknowledged, every tail sees every entry.
 * A handler failure is logged and counted, and the tail moves on. Not thread-safe: one thread runs it.
 */
public final class StreamTail extends StreamLoop {

    private StreamEntryID lastSeen;

    private StreamTail(UnifiedJedis redis, ReadSettings settings, StreamEntryID after) {
        super(redis, settings);
        this.lastSeen = after;
    }

    /**
     * Only entries added after this call (the {@code $} of the Python example). "$" is resolved here, once, to
     * the newest entry's id: re-sending "$" on every read would miss entries added between two reads.
     */
    public static StreamTail fromLatest(UnifiedJedis redis, ReadSettings settings) {
        List<StreamEntry> newest = redis.xrevrange(settings.stream(), "+", "-", 1);
        return new StreamTail(redis, settings, newest.isEmpty() ? new StreamEntryID() : newest.get(0).getID());
    }

    /** Every entry still in the stream, then new ones (the {@code 0} of the Python example). */
    public static StreamTail fromStart(UnifiedJedis redis, ReadSettings settings) {
        return new StreamTail(redis, settings, new StreamEntryID());
    }

    @Override
    protected void poll(EnvelopeHandler handler) {
        Map<String, List<StreamEntry>> batch = redis.xreadAsMap(
                XReadParams.xReadParams().count(batchSize()).block(blockMillis()),
                Map.of(settings.stream(), lastSeen));
        if (batch == null) {
            return;
        }
        for (StreamEntry entry : batch.getOrDefault(settings.stream(), List.of())) {
            if (stopRequested()) {
                return;
            }
            lastSeen = entry.getID();
            decode(entry).ifPresent(received -> handle(handler, received));
        }
    }
}
