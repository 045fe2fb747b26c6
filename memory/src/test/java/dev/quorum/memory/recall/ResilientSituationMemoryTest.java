package dev.quorum.memory.recall;

import dev.quorum.envelope.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResilientSituationMemoryTest {

    /** Fails every recall for the ticker BAD, after the recall for OK has started: they overlap. */
    private static final class FailingForBad implements SituationMemory {
        private final CountDownLatch okStarted = new CountDownLatch(1);
        private final CountDownLatch badFailed = new CountDownLatch(1);

        @Override
        public void index(ResolvedSituation resolved) {
        }

        @Override
        public List<RecalledSituation> recall(Situation now, int k, RecallScope scope) {
            try {
                if (now.ticker().equals("BAD")) {
                    okStarted.await();
                    badFailed.countDown();
                    throw new IllegalStateException("store refused BAD");
                }
                okStarted.countDown();
                badFailed.await(); // OK answers only once BAD's failure was counted
                return List.of();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void should_give_each_recall_its_own_problem_when_tickers_are_recalled_at_once(@TempDir Path dir) throws Exception {
        // With parallel tickers, a counter read before and after a recall saw the other ticker's failure and blamed
        // the wrong one; the problem now comes back with the call it belongs to.
        ResilientSituationMemory memory = new ResilientSituationMemory(new FailingForBad(), "test store", Duration.ofSeconds(10),
                new PendingIndexQueue(dir.resolve("pending.jsonl"), 10), Duration.ofMinutes(5));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            LocalDate day = LocalDate.of(2024, 6, 3);
            Future<ResilientSituationMemory.Recall> ok = pool.submit(() -> memory.recallOrProblem(Situations.rally("OK", day), 3, RecallScope.ANY_TICKER));
            Future<ResilientSituationMemory.Recall> bad = pool.submit(() -> memory.recallOrProblem(Situations.rally("BAD", day), 3, RecallScope.ANY_TICKER));
            assertEquals(Optional.empty(), ok.get().problem(), "OK's recall worked, whatever happened to BAD's meanwhile");
            assertTrue(bad.get().problem().orElseThrow().contains("store refused BAD"), bad.get().toString());
            assertEquals(List.of(), bad.get().situations());
        } finally {
            pool.shutdownNow();
            memory.close();
        }
    }

    /** Refuses every indexing while down; records the ids it indexed, in order. */
    private static final class RecordingStore implements SituationMemory {
        private final List<String> indexed = new ArrayList<>();
        private volatile boolean down = true;

        @Override
        public synchronized void index(ResolvedSituation resolved) {
            if (down) {
                throw new IllegalStateException("store down");
            }
            indexed.add(resolved.situationId());
        }

        @Override
        public List<RecalledSituation> recall(Situation now, int k, RecallScope scope) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private static final LocalDate DAY = LocalDate.of(2024, 6, 3);

    /** In front of {@code store}, a queue of {@code capacity} under {@code dir}, retried only on demand. */
    private static ResilientSituationMemory queueingFor(RecordingStore store, Path dir, int capacity) {
        return new ResilientSituationMemory(store, "test store", Duration.ofSeconds(10),
                new PendingIndexQueue(dir.resolve("pending.jsonl"), capacity), Duration.ZERO);
    }

    @Test
    void should_index_a_situation_resolved_while_others_wait_after_them_in_the_order_they_resolved(@TempDir Path dir) {
        RecordingStore store = new RecordingStore();
        ResilientSituationMemory memory = queueingFor(store, dir, 10);
        memory.index(Situations.resolved("first", Situations.rally("NVDA", DAY), Verdict.BUY, 0.02));
        memory.index(Situations.resolved("second", Situations.rally("AAPL", DAY), Verdict.BUY, 0.02));

        store.down = false;
        memory.index(Situations.resolved("third", Situations.rally("MSFT", DAY), Verdict.BUY, 0.02));

        assertEquals(List.of("first", "second", "third"), store.indexed);
        assertEquals(0, memory.status().pendingIndexing());
        assertEquals(3, memory.status().indexed());
        memory.close();
    }

    @Test
    void should_index_a_situation_resolved_once_the_store_is_back_although_the_queue_before_it_is_full(@TempDir Path dir) {
        RecordingStore store = new RecordingStore();
        ResilientSituationMemory memory = queueingFor(store, dir, 1);
        memory.index(Situations.resolved("first", Situations.rally("NVDA", DAY), Verdict.BUY, 0.02));

        // The store is back, the queue still full: the queued one goes first, and the new one must not be dropped for
        // want of a place in a queue it no longer needs.
        store.down = false;
        memory.index(Situations.resolved("second", Situations.rally("AAPL", DAY), Verdict.BUY, 0.02));

        assertEquals(List.of("first", "second"), store.indexed);
        assertEquals(0, memory.status().droppedIndexing());
        assertEquals(0, memory.status().pendingIndexing());
        memory.close();
    }
}
