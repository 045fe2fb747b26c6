package dev.quorum.memory.recall;

import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.outcomes.Observation;
import dev.quorum.memory.outcomes.OutcomeSource;
import dev.quorum.memory.outcomes.ResolvedOutcome;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.store.TestDecisions;
import dev.quorum.memory.trust.ScoredCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real SQLite decision store and the embedded memory: what is indexed when an outcome resolves. */
class OutcomeIndexerTest {

    private static final LocalDate DAY = LocalDate.parse("2023-06-01");
    private static final Clock FEEDBACK_DAY = Clock.fixed(Instant.parse("2023-06-20T15:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static ResolvedOutcome outcome(Observation observation) {
        List<ScoredCall> calls = List.of(new ScoredCall("technical", Direction.BULLISH, 0.8, 0.03, true, 0.024, true),
                new ScoredCall("risk", Direction.BEARISH, 0.6, 0.03, false, -0.018, false));
        return new ResolvedOutcome(1, "corr-1", "NVDA", DAY, Verdict.BUY, observation, calls,
                Map.of("technical", 1.0, "risk", 1.0), Map.of("technical", 1.05, "risk", 0.97));
    }

    private static Observation market(LocalDate exit) {
        return new Observation(OutcomeSource.MARKET, Optional.of(DAY.plusDays(1)), Optional.of(exit), 100.0, 103.0, 5,
                0.03, OptionalDouble.of(0.01), OptionalDouble.empty(), Optional.empty());
    }

    @Test
    void should_index_the_situation_the_agents_saw_known_at_the_exit_date() {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        DecisionStore decisions = new DecisionStore(database, "stream");
        decisions.save(TestDecisions.decision("corr-1", "NVDA", DAY));
        EmbeddedSituationMemory memory = EmbeddedSituationMemory.open(dir.resolve("situations.json"),
                Situations.embeddingModel());
        OutcomeIndexer indexer = new OutcomeIndexer(memory, decisions, 0.005, FEEDBACK_DAY);

        indexer.onResolved(outcome(market(LocalDate.parse("2023-06-09"))));

        assertEquals(List.of(), memory.recall(Situation.of("NVDA", LocalDate.parse("2023-06-08")), 5, RecallScope.SAME_TICKER),
                "not known before its exit date");
        List<RecalledSituation> recalled = memory.recall(Situation.of("NVDA", LocalDate.parse("2023-06-09")), 5,
                RecallScope.SAME_TICKER);
        assertEquals(1, recalled.size());
        RecalledSituation situation = recalled.get(0);
        assertEquals("corr-1", situation.situationId());
        assertEquals(OutcomeLabel.WIN, situation.outcome());
        assertEquals(0.03, situation.realisedReturn());
        assertTrue(situation.description().startsWith("NVDA 2023-06-01 | regime bull | rsi_14 61.5 | technical BULLISH 0.80, "
                + "risk BEARISH 0.60 | verdict BUY"), situation.description());
    }

    @Test
    void should_date_external_feedback_without_an_exit_date_on_the_day_it_arrived() {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        Observation feedback = new Observation(OutcomeSource.FEEDBACK, Optional.empty(), Optional.empty(), 100.0, 97.0,
                5, -0.03, OptionalDouble.empty(), OptionalDouble.of(-30.0), Optional.of("{}"));
        OutcomeIndexer indexer = new OutcomeIndexer(EmbeddedSituationMemory.open(dir.resolve("s.json"),
                Situations.embeddingModel()), new DecisionStore(database, "stream"), 0.005, FEEDBACK_DAY);

        ResolvedSituation situation = indexer.situation(outcome(feedback));

        assertEquals(LocalDate.parse("2023-06-20"), situation.knownAt());
        assertEquals(OutcomeLabel.LOSS, situation.outcome());
        assertEquals(Map.of(), situation.situation().features(), "an unknown decision has no stored inputs");
    }
}
