package dev.quorum.envelope.consume;

import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

import java.util.List;
import java.util.Map;

/**
 * One consumer of a consumer group (XREADGROUP). Nothing is lost:
 * <ul>
 *   <li>an entry is acknowledged (XACK) only after the handler returned; a handler failure leaves it pending;</li>
 *   <li>undecodable entries are acknowledged and counted, so they cannot block the group;</li>
 *   <li>on start, this consumer first re-reads its own pending entries (a restart after a crash);</li>
 *   <li>before each read it takes over entries pending longer than {@link GroupSettings#reclaimAfter()} from any
 *       consumer, itself included (XAUTOCLAIM): a dead consumer's work is finished by the living.</li>
 * </ul>
 * The group is created (with MKSTREAM) when missing. Not thread-safe: one thread runs it.
 */
public final class ConsumerGroupReader extends StreamLoop {

    private static final StreamEntryID START = new StreamEntryID();

    private final GroupSettings group;
    private StreamEntryID ownBacklogCursor = START;
    private boolean ownBacklogDone;
    private StreamEntryID reclaimCursor = START;

    public ConsumerGroupReader(UnifiedJedis redis, ReadSettings settings, GroupSettings group) {
        super(redis, settings);
        this.group = group;
    }

    @Override
    protected void prepare() {
        ConsumerGroups.ensure(redis, settings.stream(), group.group(),
                group.newGroupFromStart() ? START : StreamEntryID.XGROUP_LAST_ENTRY);
    }

    @Override
    protected void poll(EnvelopeHandler handler) {
        if (!ownBacklogDone) {
            readOwnBacklog(handler);
            return;
        }
        reclaim(handler);
        if (stopRequested()) {
            return;
        }
        Map<String, List<StreamEntry>> batch = redis.xreadGroupAsMap(group.group(), group.consumer(),
                XReadGroupParams.xReadGroupParams().count(batchSize()).block(blockMillis()),
                Map.of(settings.stream(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        if (batch != null) {
            process(handler, batch.getOrDefault(settings.stream(), List.of()));
        }
    }

    private void readOwnBacklog(EnvelopeHandler handler) {
        Map<String, List<StreamEntry>> batch = redis.xreadGroupAsMap(group.group(), group.consumer(),
                XReadGroupParams.xReadGroupParams().count(batchSize()),
                Map.of(settings.stream(), ownBacklogCursor));
        List<StreamEntry> entries = batch == null ? List.of() : batch.getOrDefault(settings.stream(), List.of());
        if (entries.isEmpty()) {
            ownBacklogDone = true;
            return;
        }
        ownBacklogCursor = entries.get(entries.size() - 1).getID();
        process(handler, entries);
    }

    private void reclaim(EnvelopeHandler handler) {
        Map.Entry<StreamEntryID, List<StreamEntry>> claimed = redis.xautoclaim(settings.stream(), group.group(),
                group.consumer(), group.reclaimAfter().toMillis(), reclaimCursor,
                XAutoClaimParams.xAutoClaimParams().count(batchSize()));
        reclaimCursor = claimed.getKey();
        stats.recordReclaimed(claimed.getValue().size());
        process(handler, claimed.getValue());
    }

    private void process(EnvelopeHandler handler, List<StreamEntry> entries) {
        for (StreamEntry entry : entries) {
            if (stopRequested()) {
                return;
            }
            boolean done = decode(entry).map(received -> handle(handler, received)).orElse(true);
            if (done) {
                redis.xack(settings.stream(), group.group(), entry.getID());
            }
        }
    }
}
