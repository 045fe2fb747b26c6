package dev.quorum.memory.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardQueriesTest {

    private static final LocalDate DAY = LocalDate.parse("2023-06-01");

    @TempDir
    Path dir;

    private DashboardQueries queries;
    private DecisionStore store;
    private Outbox outbox;

    @BeforeEach
    void open() {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        queries = new DashboardQueries(database);
        store = new DecisionStore(database, "quorum:decisions");
        outbox = new Outbox(database);
    }

    @Test
    void should_tail_the_newest_entries_oldest_first_with_their_publishing_state() {
        for (String ticker : List.of("NVDA", "AAPL", "MSFT")) {
            store.save(TestDecisions.decision("c-" + ticker, ticker, DAY));
        }
        long first = outbox.pending(1).get(0).id();
        outbox.markPublished(first, "1685653200000-0");

        List<DashboardQueries.StreamEntry> all = queries.streamTail(0, 10);
        assertEquals(List.of("c-NVDA", "c-AAPL", "c-MSFT"), all.stream().map(DashboardQueries.StreamEntry::correlationId).toList());
        assertEquals(Optional.of("1685653200000-0"), all.get(0).streamId());
        assertTrue(all.get(0).publishedAt().isPresent(), "published");
        assertTrue(all.get(1).publishedAt().isEmpty(), "still waiting");
        assertEquals("AAPL", all.get(1).ticker());

        assertEquals(List.of("c-AAPL", "c-MSFT"), queries.streamTail(0, 2).stream().map(DashboardQueries.StreamEntry::correlationId).toList(),
                "the newest two");
        assertEquals(List.of("c-MSFT"), queries.streamTail(all.get(1).id(), 10).stream()
                .map(DashboardQueries.StreamEntry::correlationId).toList(), "only what came after");
        assertThrows(IllegalArgumentException.class, () -> queries.streamTail(0, 0));
    }

    @Test
    void should_have_no_scored_call_before_any_outcome() {
        store.save(TestDecisions.decision("c-1", "NVDA", DAY));

        assertEquals(List.of(), queries.directionalCalls());
        assertEquals(List.of(), queries.callOutcomes("c-1"));
    }
}
