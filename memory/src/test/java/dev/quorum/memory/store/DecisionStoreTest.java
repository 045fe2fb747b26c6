package dev.quorum.memory.store;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionStoreTest {

    private static final LocalDate DAY = LocalDate.parse("2023-06-01");

    @TempDir
    Path dir;

    private QuorumDatabase database;
    private DecisionStore store;

    @BeforeEach
    void open() {
        database = QuorumDatabase.open(dir.resolve("quorum.db"));
        store = new DecisionStore(database, "quorum:decisions");
    }

    @Test
    void should_save_the_decision_its_signals_inputs_errors_and_outbox_row() {
        DecisionRecord base = TestDecisions.decision("c-1", "NVDA", DAY);
        DecisionRecord record = new DecisionRecord(base.correlationId(), base.ticker(), base.tradeDate(), base.verdict(),
                base.confidence(), base.ensembleScore(), base.envelopeJson(), base.promptHashes(), base.metaLearnerPrediction(),
                base.agents(), List.of(new AgentError("risk", ErrorCategory.MODEL, "invalid JSON from llama3:8b", "llama3:8b",
                "http://127.0.0.1:11434", Instant.parse("2023-06-01T20:59:00Z"))), base.decidedAt());

        SavedDecision saved = store.save(record);

        assertEquals(Optional.empty(), saved.superseded());
        assertTrue(store.exists("NVDA", DAY));
        assertEquals(4L, count("agent_signals"));
        assertEquals(List.of("macro:NETWORK:connection refused", "risk:MODEL:invalid JSON from llama3:8b"),
                rows("SELECT agent || ':' || category || ':' || message FROM agent_errors ORDER BY agent"));
        assertEquals(List.of("technical:BULLISH:0.8:0", "risk:BEARISH:0.6:0", "sentiment:NEUTRAL:0.5:0", "macro:null:null:1"),
                rows("SELECT agent || ':' || ifnull(signal, 'null') || ':' || ifnull(confidence, 'null') || ':' || abstained FROM agent_signals ORDER BY id"));
        assertEquals(List.of("0.012"), rows("SELECT meta_learner_prediction FROM decisions"));
        assertEquals(List.of(new OutboxEntry(saved.outboxId(), "c-1", "quorum:decisions", record.envelopeJson(),
                TestDecisions.DECIDED_AT, 0, Optional.empty())), new Outbox(database).pending(10));
    }

    @Test
    void should_give_back_the_exact_inputs_each_agent_saw_for_a_replay() {
        store.save(TestDecisions.decision("c-1", "NVDA", DAY));

        List<ReplayInput> inputs = store.inputs("c-1");

        AgentInput expected = TestDecisions.input("NVDA", DAY);
        assertEquals(List.of("technical", "risk", "sentiment", "macro"), inputs.stream().map(ReplayInput::agent).toList());
        assertEquals(expected, inputs.get(0).input());
        assertEquals(List.copyOf(expected.features().keySet()), List.copyOf(inputs.get(0).input().features().keySet()));
        assertEquals(Long.class, inputs.get(0).input().features().get("tweet_count_5d").getClass());
        assertEquals(Double.class, inputs.get(0).input().features().get("sma_200").getClass());
        assertEquals("technical@1", inputs.get(0).promptId());
        assertEquals(List.of(), store.inputs("unknown"));
    }

    @Test
    void should_say_whether_a_session_before_a_date_was_decided() {
        assertFalse(store.decidedBefore(DAY), "an empty store: a first start");
        store.save(TestDecisions.decision("c-1", "NVDA", DAY));
        assertFalse(store.decidedBefore(DAY), "the date itself is not before it");
        assertTrue(store.decidedBefore(DAY.plusDays(1)));
    }

    @Test
    void should_refuse_a_second_decision_for_the_same_ticker_and_day() {
        store.save(TestDecisions.decision("c-1", "NVDA", DAY));

        DecisionExistsException refused = assertThrows(DecisionExistsException.class,
                () -> store.save(TestDecisions.decision("c-2", "NVDA", DAY)));

        assertTrue(refused.getMessage().contains("c-1"), refused.getMessage());
        assertEquals(1L, count("decisions"));
        assertEquals(1L, count("outbox"));
    }

    @Test
    void should_supersede_a_provisional_decision_on_a_plain_save_and_queue_both_envelopes_once() {
        DecisionRecord outage = TestDecisions.decision("c-1", "NVDA", DAY);
        store.save(new DecisionRecord(outage.correlationId(), outage.ticker(), outage.tradeDate(), outage.verdict(),
                outage.confidence(), outage.ensembleScore(), outage.envelopeJson(), outage.promptHashes(),
                outage.metaLearnerPrediction(), outage.agents(), outage.errors(), outage.decidedAt(), true));
        assertEquals(Optional.of(new CurrentDecision("c-1", true)), store.currentDecision("NVDA", DAY));

        SavedDecision saved = store.save(TestDecisions.decision("c-2", "NVDA", DAY));

        assertEquals(Optional.of("c-1"), saved.superseded());
        assertEquals(Optional.of(new CurrentDecision("c-2", false)), store.currentDecision("NVDA", DAY));
        assertEquals(List.of("c-1", "c-2"), new Outbox(database).pending(10).stream().map(OutboxEntry::correlationId).toList());
        // The final decision now blocks a save like any other.
        assertThrows(DecisionExistsException.class, () -> store.save(TestDecisions.decision("c-3", "NVDA", DAY)));
    }

    @Test
    void should_store_an_abstention_for_a_spent_budget_in_its_own_category() {
        AgentRun spent = new AgentRun(new Abstention("macro", "macro-domain",
                ErrorCategory.BUDGET, "decision budget exhausted", TestDecisions.telemetry("macro")),
                TestDecisions.input("NVDA", DAY), 1.0);
        store.save(TestDecisions.decision("c-1", "NVDA", DAY, Verdict.HOLD,
                List.of(TestDecisions.signal("technical", "NVDA", DAY, Direction.BULLISH, 0.8), spent)));

        assertEquals(Map.of(ErrorCategory.BUDGET, 1L), new AgentErrorLog(database).patterns("macro"));
    }

    @Test
    void should_keep_the_old_decision_as_superseded_on_a_redecide() {
        store.save(TestDecisions.decision("c-1", "NVDA", DAY));

        SavedDecision saved = store.redecide(TestDecisions.decision("c-2", "NVDA", DAY));

        assertEquals(Optional.of("c-1"), saved.superseded());
        assertEquals(Optional.of("c-2"), store.find("c-1").orElseThrow().supersededBy());
        assertEquals(Optional.empty(), store.find("c-2").orElseThrow().supersededBy());
        assertEquals(8L, count("agent_signals"));
        assertEquals(List.of("c-1", "c-2"), new Outbox(database).pending(10).stream().map(OutboxEntry::correlationId).toList());
        assertEquals(List.of("c-2"), store.unresolved(DAY).stream().map(DecisionSummary::correlationId).toList());
    }

    @Test
    void should_mark_where_the_unresolved_decisions_begin_whatever_their_trade_date() {
        store.save(TestDecisions.decision("c-1", "NVDA", DAY.plusDays(7)));
        store.save(TestDecisions.decision("c-2", "AAPL", DAY));
        long first = store.find("c-1").orElseThrow().id();

        long mark = store.unresolvedFrom(0);

        assertEquals(first, mark, "the oldest unresolved row, though its trade date is the later one");
        assertEquals(List.of("c-2"), store.unresolved(DAY, mark).stream().map(DecisionSummary::correlationId).toList());
        assertEquals(List.of("c-2", "c-1"), store.unresolved(DAY.plusDays(7), mark).stream().map(DecisionSummary::correlationId).toList());
        store.redecide(TestDecisions.decision("c-3", "NVDA", DAY.plusDays(7)));
        assertEquals(store.find("c-2").orElseThrow().id(), store.unresolvedFrom(mark), "c-1 is superseded: the mark moves on to c-2");
        assertEquals(List.of("c-2", "c-3"), store.unresolved(DAY.plusDays(7), store.unresolvedFrom(mark)).stream()
                .map(DecisionSummary::correlationId).toList());
    }

    @Test
    void should_write_nothing_when_the_save_fails_half_way() {
        // The outbox insert is the save's last statement: make the database refuse it, as a full disk would.
        database.inTransaction("install a failing trigger", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("CREATE TRIGGER outbox_full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END");
            }
            return null;
        });

        StoreException failed = assertThrows(StoreException.class, () -> store.save(TestDecisions.decision("c-1", "NVDA", DAY)));

        assertTrue(failed.getMessage().contains("disk full (simulated)"), failed.getMessage());
        assertTrue(failed.getMessage().contains("save decision c-1"), failed.getMessage());
        assertEquals(0L, count("decisions"));
        assertEquals(0L, count("agent_signals"));
        assertEquals(0L, count("agent_errors"));
        assertFalse(store.exists("NVDA", DAY));
    }

    @Test
    void should_write_nothing_when_an_agent_input_cannot_be_stored() {
        Map<String, Object> badFeatures = Map.of("close", Double.NaN);
        AgentRun bad = new AgentRun(TestDecisions.signal("risk", "NVDA", DAY, Direction.BEARISH, 0.6).outcome(),
                new AgentInput("NVDA", DAY, badFeatures, List.of(), ""), 1.0);
        DecisionRecord record = TestDecisions.decision("c-1", "NVDA", DAY, Verdict.SELL,
                List.of(TestDecisions.signal("technical", "NVDA", DAY, Direction.BULLISH, 0.8), bad));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> store.save(record));

        assertTrue(refused.getMessage().contains("feature 'close' is NaN"), refused.getMessage());
        assertEquals(0L, count("decisions"));
        assertEquals(0L, count("agent_signals"));
        assertEquals(0L, count("outbox"));
    }

    @Test
    void should_list_the_latest_decisions_newest_first() {
        store.save(TestDecisions.decision("c-1", "NVDA", DAY));
        store.save(TestDecisions.decision("c-2", "AAPL", DAY));
        store.save(TestDecisions.decision("c-3", "MSFT", DAY.plusDays(1)));

        List<DecisionSummary> latest = store.latest(2);

        assertEquals(List.of("c-3", "c-2"), latest.stream().map(DecisionSummary::correlationId).toList());
        DecisionSummary first = latest.get(0);
        assertEquals("MSFT", first.ticker());
        assertEquals(Verdict.BUY, first.verdict());
        assertEquals(0.35, first.ensembleScore());
        assertEquals(OptionalDouble.empty(), first.realizedReturn());
        assertEquals(Optional.of("{\"correlation_id\":\"c-1\",\"ticker\":\"NVDA\"}"), store.envelope("c-1"));
    }

    @Test
    void should_refuse_a_decision_whose_agents_saw_another_day() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TestDecisions.decision("c-1", "NVDA", DAY,
                Verdict.BUY, List.of(TestDecisions.signal("technical", "NVDA", DAY.minusDays(1), Direction.BULLISH, 0.8))));

        assertTrue(refused.getMessage().contains("technical"), refused.getMessage());
    }

    private long count(String table) {
        return Long.parseLong(rows("SELECT COUNT(*) FROM " + table).get(0));
    }

    private List<String> rows(String sql) {
        return database.read("test query", connection -> {
            List<String> out = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
