package dev.quorum.orchestrator.reliability;

import dev.quorum.envelope.consume.ConsumerGroupReader;
import dev.quorum.envelope.consume.GroupSettings;
import dev.quorum.envelope.consume.ReadSettings;
import dev.quorum.envelope.publish.PublisherSettings;
import redis.clients.jedis.UnifiedJedis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What consumers see and what SQLite holds, for the exactly-once and nothing-lost checks of the fault tests.
 */
public final class Published {

    private Published() {
    }

    /**
     * The correlation ids a fresh consumer group reads from the start of the stream, in order, duplicates
     * included (at-least-once: consumers dedupe on the correlation id).
     */
    public static List<String> consumedByNewGroup(UnifiedJedis redis) {
        String stream = PublisherSettings.defaults().stream();
        long length = redis.exists(stream) ? redis.xlen(stream) : 0;
        List<String> ids = new ArrayList<>();
        if (length == 0) {
            return ids;
        }
        ConsumerGroupReader reader = new ConsumerGroupReader(redis,
                ReadSettings.defaults().withStream(stream).withBlockTimeout(Duration.ofMillis(100)),
                GroupSettings.of("check-" + UUID.randomUUID(), "c").withNewGroupFromStart(true));
        reader.run(received -> {
            ids.add(received.envelope().correlationId());
            if (ids.size() >= length) {
                reader.stop();
            }
        });
        return ids;
    }

    /** (ticker, trade date) pairs with more than one current (not superseded) decision: must be none. */
    public static List<String> duplicateCurrentDecisions(Path sqliteFile) {
        return StoredRows.column(sqliteFile, "SELECT ticker || ' ' || trade_date FROM decisions WHERE superseded_by IS NULL"
                + " GROUP BY ticker, trade_date HAVING count(*) > 1");
    }

    /** Outbox rows not yet published. */
    public static int pendingOutbox(Path sqliteFile) {
        return StoredRows.column(sqliteFile, "SELECT count(*) FROM outbox WHERE published_at IS NULL").stream()
                .mapToInt(Integer::parseInt).sum();
    }

    /** Correlation ids of every decision row in SQLite (superseded ones included). */
    public static Set<String> storedDecisionIds(Path sqliteFile) {
        return new HashSet<>(StoredRows.column(sqliteFile, "SELECT correlation_id FROM decisions"));
    }
}
