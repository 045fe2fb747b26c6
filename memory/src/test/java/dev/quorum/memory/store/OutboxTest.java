package dev.quorum.memory.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxTest {

    private static final LocalDate DAY = LocalDate.parse("2023-06-01");

    @TempDir
    Path dir;

    private QuorumDatabase database;
    private Outbox outbox;
    private DecisionStore store;

    @BeforeEach
    void open() {
        database = QuorumDatabase.open(dir.resolve("quorum.db"));
        outbox = new Outbox(database);
        store = new DecisionStore(database, "quorum:decisions");
    }

    @Test
    void should_hand_out_pending_envelopes_in_insertion_order() {
        for (String ticker : List.of("ZTS", "AAPL", "NVDA", "MSFT", "BA")) {
            store.save(TestDecisions.decision("c-" + ticker, ticker, DAY));
        }

        assertEquals(List.of("c-ZTS", "c-AAPL", "c-NVDA"), correlationIds(outbox.pending(3)));
        assertEquals(5, outbox.pendingCount());
    }

    @Test
    void should_hand_out_the_pending_envelopes_after_a_given_entry() {
        for (String ticker : List.of("ZTS", "AAPL", "NVDA", "MSFT", "BA")) {
            store.save(TestDecisions.decision("c-" + ticker, ticker, DAY));
        }
        List<OutboxEntry> first = outbox.pending(2);
        outbox.markPublished(outbox.pending(5).get(3).id(), "1-0");

        // The first two are still pending (published, their mark not yet committed): the next batch starts after them.
        assertEquals(List.of("c-NVDA", "c-BA"), correlationIds(outbox.pendingAfter(first.get(1).id(), 10)));
        assertEquals(List.of("c-NVDA"), correlationIds(outbox.pendingAfter(first.get(1).id(), 1)));
        assertEquals(List.of("c-ZTS", "c-AAPL"), correlationIds(first));
    }

    @Test
    void should_stop_handing_out_an_entry_once_published_and_keep_its_stream_id() {
        store.save(TestDecisions.decision("c-1", "NVDA", DAY));
        store.save(TestDecisions.decision("c-2", "AAPL", DAY));
        long first = outbox.pending(1).get(0).id();

        assertTrue(outbox.markPublished(first, "1685653200000-0"));
        assertFalse(outbox.markPublished(first, "1685653200000-1"));

        assertEquals(List.of("c-2"), correlationIds(outbox.pending(10)));
        assertEquals(1, outbox.pendingCount());
    }

    @Test
    void should_keep_a_failed_entry_first_in_line_and_count_its_attempts() {
        store.save(TestDecisions.decision("c-1", "NVDA", DAY));
        store.save(TestDecisions.decision("c-2", "AAPL", DAY));
        long first = outbox.pending(1).get(0).id();

        outbox.recordAttemptFailure(first, "Redis connection refused");
        outbox.recordAttemptFailure(first, "x".repeat(2_000));

        OutboxEntry head = outbox.pending(10).get(0);
        assertEquals("c-1", head.correlationId());
        assertEquals(2, head.attempts());
        assertEquals(Optional.of("x".repeat(Outbox.MAX_ERROR_CHARS)), head.lastError());
    }

    @Test
    void should_refuse_to_mark_an_unknown_entry() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> outbox.markPublished(42, "1-0"));

        assertTrue(refused.getMessage().contains("no outbox entry with id 42"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> outbox.recordAttemptFailure(42, "boom"));
    }

    @Test
    void should_mark_a_batch_published_in_one_go_keeping_an_already_marked_entry_first_stream_id() {
        for (String ticker : List.of("ZTS", "AAPL", "NVDA")) {
            store.save(TestDecisions.decision("c-" + ticker, ticker, DAY));
        }
        List<OutboxEntry> pending = outbox.pending(3);
        outbox.markPublished(pending.get(0).id(), "1-0");

        Map<Long, String> batch = new LinkedHashMap<>();
        batch.put(pending.get(0).id(), "9-0");
        batch.put(pending.get(1).id(), "2-0");
        batch.put(pending.get(2).id(), "3-0");

        assertEquals(2, outbox.markPublished(batch));
        assertEquals(0, outbox.pendingCount());
        assertEquals(List.of("1-0", "2-0", "3-0"), streamIds());
    }

    @Test
    void should_mark_nothing_of_a_batch_that_names_an_unknown_entry() {
        store.save(TestDecisions.decision("c-1", "NVDA", DAY));
        Map<Long, String> batch = new LinkedHashMap<>();
        batch.put(outbox.pending(1).get(0).id(), "1-0");
        batch.put(42L, "2-0");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> outbox.markPublished(batch));

        assertTrue(refused.getMessage().contains("no outbox entry with id 42"), refused.getMessage());
        assertEquals(1, outbox.pendingCount());
    }

    @Test
    void should_hand_out_the_envelope_stored_with_its_decision() {
        DecisionRecord decided = TestDecisions.decision("c-1", "NVDA", DAY);
        store.save(decided);

        assertEquals(decided.envelopeJson(), outbox.pending(1).get(0).envelopeJson());
        assertEquals(decided.envelopeJson(), store.envelope("c-1").orElseThrow());
    }

    /** The envelope is read from the decision: a row whose decision was removed by hand is named, not skipped. */
    @Test
    void should_name_an_entry_whose_decision_was_removed_instead_of_skipping_it() {
        store.save(TestDecisions.decision("c-1", "NVDA", DAY));
        store.save(TestDecisions.decision("c-2", "AAPL", DAY));
        long second = outbox.pending(2).get(1).id();
        database.read("remove a decision by hand", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA foreign_keys = OFF");
                statement.executeUpdate("DELETE FROM decisions WHERE correlation_id = 'c-2'");
            }
            return null;
        });

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> outbox.pending(10));

        assertEquals("outbox entry " + second + " (correlation id c-2) has no decision to read its envelope from", refused.getMessage());
        assertEquals(List.of("c-1"), correlationIds(outbox.pending(1)), "the entries before it are handed out");
    }

    private List<String> streamIds() {
        return database.read("stream ids", connection -> {
            List<String> ids = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT stream_id FROM outbox ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    private static List<String> correlationIds(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxEntry::correlationId).toList();
    }
}
