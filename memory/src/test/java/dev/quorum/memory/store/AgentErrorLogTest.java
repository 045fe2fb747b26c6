package dev.quorum.memory.store;

import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgentErrorLogTest {

    private static final LocalDate DAY = LocalDate.parse("2023-06-01");

    @TempDir
    Path dir;

    @Test
    void should_count_recent_errors_and_rank_an_agents_error_categories() {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        DecisionRecord base = TestDecisions.decision("c-1", "NVDA", DAY, Verdict.HOLD, List.of(
                TestDecisions.signal("technical", "NVDA", DAY, Direction.NEUTRAL, 0.5),
                TestDecisions.abstention("macro", "NVDA", DAY)));
        Instant early = Instant.parse("2023-06-01T19:00:00Z");
        Instant late = Instant.parse("2023-06-01T20:30:00Z");
        new DecisionStore(database, "quorum:decisions").save(new DecisionRecord(base.correlationId(), base.ticker(),
                base.tradeDate(), base.verdict(), base.confidence(), base.ensembleScore(), base.envelopeJson(),
                base.promptHashes(), base.metaLearnerPrediction(), base.agents(), List.of(
                new AgentError("macro", ErrorCategory.MODEL, "invalid JSON", "llama3:8b", "", early),
                new AgentError("macro", ErrorCategory.MODEL, "schema violated", "llama3:8b", "", late),
                new AgentError("technical", ErrorCategory.DATA, "no bars", "", "", late)), base.decidedAt()));
        AgentErrorLog errors = new AgentErrorLog(database);

        // the abstention of macro is recorded at the decision time, 21:00
        assertEquals(3, errors.countSince(Instant.parse("2023-06-01T20:00:00Z")));
        assertEquals(2, errors.failuresSince(Instant.parse("2023-06-01T20:00:00Z")), "a DATA abstention is no failure");
        assertEquals(Map.of(ErrorCategory.MODEL, 2L, ErrorCategory.NETWORK, 1L), errors.patterns("macro"));
        assertEquals(List.of(ErrorCategory.MODEL, ErrorCategory.NETWORK), List.copyOf(errors.patterns("macro").keySet()));
        assertEquals("no bars", errors.recent(1).get(0).message());
    }

    @Test
    void should_back_up_to_a_new_file_that_opens_as_a_quorum_database() {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        new DecisionStore(database, "quorum:decisions").save(TestDecisions.decision("c-1", "NVDA", DAY));
        Path backup = dir.resolve("backups/quorum-2023-06-01.db");

        database.backupTo(backup);

        assertEquals(true, new DecisionStore(QuorumDatabase.open(backup), "quorum:decisions").exists("NVDA", DAY));
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> database.backupTo(backup));
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
    }
}
