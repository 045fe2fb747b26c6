package dev.quorum.memory.recall;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
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
}
