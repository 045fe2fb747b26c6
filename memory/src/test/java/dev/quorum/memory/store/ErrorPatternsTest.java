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
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Seed 002's error categories (EXCHANGE and MARKET included) and its get_error_patterns, by agent and since a time. */
class ErrorPatternsTest {

    private static final LocalDate DAY = LocalDate.parse("2023-06-01");
    private static final Instant EARLY = Instant.parse("2023-06-01T19:00:00Z");
    private static final Instant LATE = Instant.parse("2023-06-01T20:30:00Z");

    @TempDir
    Path dir;

    private AgentErrorLog errorsOf(List<AgentError> errors) {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        DecisionRecord base = TestDecisions.decision("c-1", "NVDA", DAY, Verdict.HOLD, List.of(
                TestDecisions.signal("technical", "NVDA", DAY, Direction.NEUTRAL, 0.5),
                TestDecisions.signal("risk", "NVDA", DAY, Direction.NEUTRAL, 0.5)));
        new DecisionStore(database, "quorum:decisions").save(new DecisionRecord(base.correlationId(), base.ticker(),
                base.tradeDate(), base.verdict(), base.confidence(), base.ensembleScore(), base.envelopeJson(),
                base.promptHashes(), base.metaLearnerPrediction(), base.agents(), errors, base.decidedAt()));
        return new AgentErrorLog(database);
    }

    @Test
    void should_store_the_seed_categories_exchange_and_market() {
        AgentErrorLog errors = errorsOf(List.of(
                new AgentError("risk", ErrorCategory.EXCHANGE, "rate limited by the broker (429)", "", "", EARLY),
                new AgentError("risk", ErrorCategory.MARKET, "NVDA halted", "", "", LATE)));

        assertEquals(List.of(new ErrorPattern("risk", ErrorCategory.EXCHANGE, 1, EARLY),
                new ErrorPattern("risk", ErrorCategory.MARKET, 1, LATE)), errors.patterns(Optional.of("risk"), Optional.empty()));
    }

    @Test
    void should_rank_patterns_by_count_for_one_agent_or_all_since_a_time() {
        AgentErrorLog errors = errorsOf(List.of(
                new AgentError("technical", ErrorCategory.MODEL, "invalid JSON", "qwen2.5:7b", "", EARLY),
                new AgentError("technical", ErrorCategory.MODEL, "schema violated", "qwen2.5:7b", "", LATE),
                new AgentError("technical", ErrorCategory.NETWORK, "timeout", "qwen2.5:7b", "", EARLY),
                new AgentError("risk", ErrorCategory.DATA, "no bars", "", "", LATE)));

        assertEquals(List.of(new ErrorPattern("technical", ErrorCategory.MODEL, 2, LATE),
                new ErrorPattern("risk", ErrorCategory.DATA, 1, LATE),
                new ErrorPattern("technical", ErrorCategory.NETWORK, 1, EARLY)), errors.patterns(Optional.empty(), Optional.empty()));
        assertEquals(List.of(new ErrorPattern("technical", ErrorCategory.MODEL, 1, LATE)),
                errors.patterns(Optional.of("technical"), Optional.of(Instant.parse("2023-06-01T20:00:00Z"))));
        assertEquals(List.of(), errors.patterns(Optional.of("macro"), Optional.empty()));
    }
}
