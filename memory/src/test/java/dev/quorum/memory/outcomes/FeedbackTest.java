package dev.quorum.memory.outcomes;

import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.store.TestDecisions;
import dev.quorum.memory.trust.TrustLedger;
import dev.quorum.memory.trust.TrustSettings;
import dev.quorum.memory.trust.WeightsMirror;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedbackTest {

    private static final Clock CLOCK = Clock.fixed(TestDecisions.DECIDED_AT, ZoneOffset.UTC);
    private static final LocalDate DAY = LocalDate.parse("2023-06-01");

    @TempDir
    Path dir;

    private OutcomeRecorder recorder;
    private TrustLedger ledger;
    private DecisionStore decisions;
    private final List<ResolvedOutcome> heard = new ArrayList<>();

    @BeforeEach
    void open() {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        decisions = new DecisionStore(database, "quorum:decisions");
        ledger = new TrustLedger(database, TrustSettings.defaults(), WeightsMirror.NONE, CLOCK);
        recorder = new OutcomeRecorder(database, ledger, OutcomeRules.defaults(), List.of(heard::add), CLOCK);
        decisions.save(TestDecisions.decision("c-1", "AAPL", DAY)); // a BUY
    }

    private static String payload(String decisionId, String symbol, double entry, double exit, double profit, String votes) {
        return """
                {"decision_id": "%s", "symbol": "%s", "entry_price": %s, "exit_price": %s, "actual_profit": %s,
                 "hold_duration": 5, "agent_votes": %s}""".formatted(decisionId, symbol, entry, exit, profit, votes);
    }

    private static final String SEED_VOTES = """
            {"technical": {"direction": "LONG", "confidence": 0.85, "position_size": 10},
             "risk": {"direction": "SHORT", "confidence": 0.6}}""";

    @Test
    void should_record_the_seed_001_payload_and_learn_from_it() {
        ResolvedOutcome outcome = recorder.recordFeedback(payload("c-1", "AAPL", 150.0, 157.5, 75.0, SEED_VOTES));

        assertEquals(OutcomeSource.FEEDBACK, outcome.observation().source());
        assertEquals(0.05, outcome.observation().realizedReturn(), 1e-12);
        assertEquals(OptionalDouble.of(75.0), outcome.observation().actualProfit());
        assertEquals(5, outcome.observation().horizonSessions());
        // Right once under the default beta-log-odds: p = (5 + 1) / (10 + 1) = 6/11, weight ln(6/11 / 5/11) = ln 1.2.
        assertEquals(Math.log(1.2), ledger.weightOf("technical"), 1e-12);
        assertEquals(List.of(outcome), heard);
        assertEquals(OptionalDouble.of(0.05), decisions.find("c-1").orElseThrow().realizedReturn());
    }

    @Test
    void should_refuse_an_unknown_decision() {
        assertRejected("decision_id", "no decision with correlation id \"c-404\"", payload("c-404", "AAPL", 150, 157.5, 75, "{}"));
    }

    @Test
    void should_refuse_a_second_outcome_for_a_decision() {
        recorder.recordFeedback(payload("c-1", "AAPL", 150, 157.5, 75, "{}"));

        assertRejected("decision_id", "already has an outcome", payload("c-1", "AAPL", 150, 157.5, 75, "{}"));
        assertEquals(1, ledger.history("technical", 10).size());
    }

    @Test
    void should_refuse_a_symbol_that_is_not_the_decisions() {
        assertRejected("symbol", "\"MSFT\" but decision c-1 is for AAPL", payload("c-1", "MSFT", 150, 157.5, 75, "{}"));
    }

    @Test
    void should_refuse_a_profit_inconsistent_with_the_prices() {
        assertRejected("actual_profit", "inconsistent with a BUY from entry_price 150.0 to exit_price 157.5",
                payload("c-1", "AAPL", 150, 157.5, -75, "{}"));
    }

    @Test
    void should_refuse_bad_prices_and_durations_naming_the_field() {
        assertRejected("entry_price", "must be > 0", payload("c-1", "AAPL", 0, 157.5, 75, "{}"));
        assertRejected("exit_price", "must be > 0", payload("c-1", "AAPL", 150, -1, 75, "{}"));
        assertRejected("hold_duration", "whole number of days", """
                {"decision_id": "c-1", "symbol": "AAPL", "entry_price": 150, "exit_price": 157.5, "actual_profit": 75, "hold_duration": 2.5}""");
        assertRejected("actual_profit", "is required", """
                {"decision_id": "c-1", "symbol": "AAPL", "entry_price": 150, "exit_price": 157.5, "hold_duration": 5}""");
        assertRejected("exit_prise", "unknown field", """
                {"decision_id": "c-1", "symbol": "AAPL", "entry_price": 150, "exit_prise": 157.5, "actual_profit": 75, "hold_duration": 5}""");
        assertRejected("payload", "line 1, column", "{\"decision_id\": ");
    }

    @Test
    void should_refuse_votes_that_differ_from_the_stored_ones() {
        assertRejected("agent_votes.technical.direction", "BEARISH but the stored vote is BULLISH",
                payload("c-1", "AAPL", 150, 157.5, 75, "{\"technical\": {\"direction\": \"SHORT\"}}"));
        assertRejected("agent_votes.macro", "has no vote from this agent",
                payload("c-1", "AAPL", 150, 157.5, 75, "{\"macro\": {\"direction\": \"LONG\"}}"));
        assertRejected("agent_votes.technical.direction", "must be LONG, SHORT or HOLD",
                payload("c-1", "AAPL", 150, 157.5, 75, "{\"technical\": {\"direction\": \"UP\"}}"));
    }

    private void assertRejected(String field, String fragment, String json) {
        int heardBefore = heard.size();
        OutcomeRejectedException refused = assertThrows(OutcomeRejectedException.class, () -> recorder.recordFeedback(json));
        assertEquals(field, refused.field(), refused.getMessage());
        assertTrue(refused.getMessage().contains(fragment), refused.getMessage());
        assertEquals(heardBefore, heard.size(), "a refused payload reaches no listener");
    }
}
