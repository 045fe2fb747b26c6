package dev.quorum.memory.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Envelopes waiting to be published. A row is written in the same transaction as its decision
 * ({@link DecisionStore}), so a committed decision is never lost on its way to Redis; the envelope itself is the
 * decision's (a row holds no copy, so marking it published rewrites a small row, not a 3 KiB one); the publisher reads
 * {@link #pending}, publishes in that order and marks each row. A crash between publishing and marking
 * publishes the same correlation id again: delivery is at least once, consumers dedupe on the correlation id. Marks
 * are committed without waiting for the disk, so a power cut can also lose the last marks (never a decision or its
 * row): their envelopes go out again, in order.
 * Published rows are kept (the audit trail of what went out, with its stream id).
 */
public final class Outbox {

    /** Failure messages are cut to this length: enough to diagnose, never a whole stack trace in the table. */
    static final int MAX_ERROR_CHARS = 500;

    private final QuorumDatabase database;
    private final Clock clock;

    public Outbox(QuorumDatabase database) {
        this(database, Clock.systemUTC());
    }

    public Outbox(QuorumDatabase database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Up to {@code limit} unpublished envelopes, oldest first (insertion order). */
    public List<OutboxEntry> pending(int limit) {
        return pendingAfter(0, limit);
    }

    /**
     * Up to {@code limit} unpublished envelopes after entry {@code afterId}, oldest first: the publisher reads the next
     * batch with it while the previous one, published but not yet marked, would still be pending.
     */
    public List<OutboxEntry> pendingAfter(long afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return database.read("read pending outbox entries", connection -> {
            // LEFT JOIN: a row without its decision (removed by hand) is reported, not silently skipped out of order.
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT x.id, x.correlation_id, x.stream, d.envelope_json, x.created_at, x.attempts, x.last_error
                    FROM outbox x LEFT JOIN decisions d ON d.correlation_id = x.correlation_id
                    WHERE x.published_at IS NULL AND x.id > ? ORDER BY x.id LIMIT ?""")) {
                select.setLong(1, afterId);
                select.setInt(2, limit);
                List<OutboxEntry> entries = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String envelope = rs.getString("envelope_json");
                        if (envelope == null) {
                            throw new IllegalStateException("outbox entry " + rs.getLong("id") + " (correlation id "
                                    + rs.getString("correlation_id") + ") has no decision to read its envelope from");
                        }
                        entries.add(new OutboxEntry(rs.getLong("id"), rs.getString("correlation_id"), rs.getString("stream"),
                                envelope, Instant.parse(rs.getString("created_at")), rs.getInt("attempts"),
                                Optional.ofNullable(rs.getString("last_error"))));
                    }
                }
                return entries;
            }
        });
    }

    /** Keeps the database open while the publisher drains (see {@link QuorumDatabase#holdOpen}). */
    public QuorumDatabase.Held holdOpen() {
        return database.holdOpen("drain the outbox");
    }

    /** How many envelopes wait to be published. */
    public long pendingCount() {
        return database.read("count pending outbox entries", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT COUNT(*) AS pending FROM outbox WHERE published_at IS NULL")) {
                return rs.getLong("pending");
            }
        });
    }

    /**
     * Records that entry {@code id} was published under {@code streamId}.
     *
     * @return false when it had already been marked (its first stream id is kept)
     * @throws IllegalArgumentException when there is no such entry
     */
    public boolean markPublished(long id, String streamId) {
        return markPublished(Map.of(id, Objects.requireNonNull(streamId, "streamId"))) == 1;
    }

    /**
     * Records that several entries were published, in one transaction (the publisher drains in batches).
     *
     * @param streamIdByEntry each entry's id and the stream id it was published under
     * @return how many were newly marked (an entry already marked keeps its first stream id)
     * @throws IllegalArgumentException naming the first id with no entry; nothing is marked then
     */
    public int markPublished(Map<Long, String> streamIdByEntry) {
        if (streamIdByEntry.isEmpty()) {
            return 0;
        }
        // Without waiting for the disk: a mark lost to a power cut publishes its envelope again (at least once), and
        // the WAL keeps the marks that survive a prefix of those made, so no envelope is skipped.
        return database.inTransactionWithoutSync("mark " + streamIdByEntry.size() + " outbox entries published", connection -> {
            String now = clock.instant().toString();
            int marked = 0;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE outbox SET published_at = ?, stream_id = ? WHERE id = ? AND published_at IS NULL")) {
                for (Map.Entry<Long, String> published : streamIdByEntry.entrySet()) {
                    update.setString(1, now);
                    update.setString(2, Objects.requireNonNull(published.getValue(), "streamId"));
                    update.setLong(3, published.getKey());
                    if (update.executeUpdate() == 1) {
                        marked++;
                    } else {
                        requireEntry(connection, published.getKey());
                    }
                }
            }
            return marked;
        });
    }

    /** Counts a failed publish attempt of entry {@code id}; it stays pending, in its place. */
    public void recordAttemptFailure(long id, String error) {
        String message = error == null ? "" : error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
        database.inTransaction("record a failed publish of outbox entry " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = ?, last_attempt_at = ? WHERE id = ?")) {
                update.setString(1, message);
                update.setString(2, clock.instant().toString());
                update.setLong(3, id);
                if (update.executeUpdate() == 0) {
                    requireEntry(connection, id);
                }
            }
            return null;
        });
    }

    /**
     * Queues decision {@code correlationId}'s envelope inside the caller's transaction, which inserts the decision; the
     * envelope is read from the decision when it is published. Returns the entry's id.
     */
    static long enqueue(Connection connection, String correlationId, String stream, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (correlation_id, stream, created_at) VALUES (?, ?, ?) RETURNING id")) {
            insert.setString(1, correlationId);
            insert.setString(2, stream);
            insert.setString(3, at.toString());
            return QuorumDatabase.insertReturningId(insert);
        }
    }

    private static void requireEntry(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM outbox WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no outbox entry with id " + id);
                }
            }
        }
    }
}
