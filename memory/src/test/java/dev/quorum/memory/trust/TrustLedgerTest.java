package dev.quorum.memory.trust;

import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.outcomes.OutcomeRecorder;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.memory.outcomes.Outcomes;
import dev.quorum.memory.outcomes.ResolvedOutcome;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.store.TestDecisions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustLedgerTest {

    private static final double EXACT = 1e-12;
    private static final Clock CLOCK = Clock.fixed(TestDecisions.DECIDED_AT, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private QuorumDatabase database;
    private DecisionStore decisions;

    @BeforeEach
    void open() {
        database = QuorumDatabase.open(dir.resolve("quorum.db"));
        decisions = new DecisionStore(database, "quorum:decisions");
    }

    private static final TrustSettings OUTCOME_EMA = new TrustSettings(TrustPolicies.byName("outcome-ema"), 10, 0);

    private TrustLedger ledger(TrustSettings settings) {
        return new TrustLedger(database, settings, WeightsMirror.NONE, CLOCK);
    }

    private ResolvedOutcome decideAndResolve(OutcomeRecorder recorder, int n, double realizedReturn) {
        String id = "c-" + n;
        decisions.save(TestDecisions.decision(id, "NVDA", LocalDate.parse("2020-01-01").plusDays(n)));
        return recorder.record(id, Outcomes.market(realizedReturn));
    }

    private OutcomeRecorder recorder(TrustLedger ledger) {
        return new OutcomeRecorder(database, ledger, OutcomeRules.defaults(), List.of(), CLOCK);
    }

    @Test
    void should_apply_the_policy_to_every_voter_and_record_an_event_each() {
        TrustLedger ledger = ledger(OUTCOME_EMA);

        decideAndResolve(recorder(ledger), 1, 0.05);

        // technical BULLISH 0.8 right: 0.1 x (1 + 0.8 x 0.05 x 5) + 0.9 = 1.02
        // risk BEARISH 0.6 wrong: 0.1 x (1 - 0.6 x 0.05 x 5) + 0.9 = 0.985
        // sentiment NEUTRAL 0.5 wrong (outside +-0.005): 0.1 x (1 - 0.5 x 0.05 x 5) + 0.9 = 0.9875; macro abstained
        Map<String, Double> weights = ledger.currentWeights();
        assertEquals(List.of("risk", "sentiment", "technical"), List.copyOf(weights.keySet()));
        assertEquals(1.02, weights.get("technical"), EXACT);
        assertEquals(0.985, weights.get("risk"), EXACT);
        assertEquals(0.9875, weights.get("sentiment"), EXACT);
        assertEquals(1.0, ledger.weightOf("macro"), EXACT);
        TrustWeightEvent event = ledger.history("technical", 10).get(0);
        assertEquals(1.0, event.oldWeight(), EXACT);
        assertEquals(1.02, event.newWeight(), EXACT);
        assertEquals("outcome-ema", event.policy());
        assertEquals("outcome of c-1: BULLISH 0.80, correct, return +5.00%", event.reason());
    }

    @Test
    void should_keep_agent_performance_as_seed_001_describes() {
        TrustLedger ledger = ledger(OUTCOME_EMA);
        OutcomeRecorder recorder = recorder(ledger);

        decideAndResolve(recorder, 1, 0.05);
        decideAndResolve(recorder, 2, -0.02);

        AgentPerformance technical = ledger.performance().stream().filter(p -> p.agent().equals("technical")).findFirst().orElseThrow();
        assertEquals(2, technical.totalDecisions());
        assertEquals(1, technical.correctDecisions());
        assertEquals(0.5, technical.accuracy().getAsDouble(), EXACT);
        assertEquals(0.015, technical.avgProfitContribution().getAsDouble(), EXACT);
        assertEquals(0.5, technical.winRate().getAsDouble(), EXACT);
        // 1.02, then wrong: 0.1 x (1 - 0.8 x 0.02 x 5) + 0.9 x 1.02 = 0.092 + 0.918 = 1.01
        assertEquals(1.01, technical.currentWeight(), EXACT);
    }

    @Test
    void should_snapshot_every_n_updates_and_roll_back_to_a_snapshot_as_an_event() {
        TrustLedger ledger = ledger(new TrustSettings(TrustPolicies.byName("consensus-agreement"), 2, 0));
        OutcomeRecorder recorder = recorder(ledger);
        for (int n = 1; n <= 4; n++) {
            decideAndResolve(recorder, n, 0.01);
        }
        // BUY verdict: technical (BULLISH) agrees 4 times, risk (BEARISH) and sentiment (NEUTRAL) dissent
        List<TrustSnapshot> snapshots = ledger.snapshots(10);
        assertEquals(List.of(4L, 2L), snapshots.stream().map(TrustSnapshot::updateCount).toList());
        TrustSnapshot second = snapshots.get(1);
        assertEquals(1.10, second.weights().get("technical"), EXACT);
        assertEquals(0.94, second.weights().get("risk"), EXACT);
        assertEquals(1.20, ledger.weightOf("technical"), EXACT);

        Map<String, Double> restored = ledger.rollback(second.id());

        assertEquals(second.weights(), restored);
        assertEquals(restored, ledger.currentWeights());
        TrustWeightEvent rollback = ledger.history("technical", 1).get(0);
        assertEquals("rollback to snapshot " + second.id(), rollback.reason());
        assertEquals(1.20, rollback.oldWeight(), EXACT);
        assertEquals(1.10, rollback.newWeight(), EXACT);
        assertEquals(OptionalLong.of(second.id()), rollback.snapshotId());
        TrustSnapshot safety = ledger.snapshots(1).get(0);
        assertEquals("before rollback to snapshot " + second.id(), safety.reason());
        assertEquals(1.20, safety.weights().get("technical"), EXACT);
        assertEquals(4, ledger.performance().get(0).totalDecisions());
    }

    @Test
    void should_keep_each_agents_posterior_in_sqlite_and_weigh_it_by_its_log_odds_under_the_default() {
        TrustLedger ledger = ledger(TrustSettings.defaults());
        OutcomeRecorder recorder = recorder(ledger);
        assertEquals(BetaLogOddsPolicy.FLOOR, ledger.weightOf("technical"), EXACT, "unproven: a coin flip");

        decideAndResolve(recorder, 1, 0.05);  // technical BULLISH right, risk BEARISH wrong, sentiment NEUTRAL
        decideAndResolve(recorder, 2, 0.03);  // the next session: a fifth of its window is new

        Map<String, AgentSkill> skills = ledger(TrustSettings.defaults()).skills();
        assertEquals(List.of("risk", "sentiment", "technical"), List.copyOf(skills.keySet()));
        AgentSkill technical = skills.get("technical");
        assertEquals(0.995 + 0.2, technical.right(), EXACT);
        assertEquals(0.0, technical.wrong(), EXACT);
        assertEquals(2, technical.directionalCalls());
        // p = (5 + 1.195) / (10 + 1.195) = 0.55337; weight ln(p / (1 - p)) = 0.21430
        assertEquals(Math.log(6.195 / 5.0), ledger.weightOf("technical"), EXACT);
        assertEquals(BetaLogOddsPolicy.FLOOR, ledger.weightOf("risk"), EXACT, "wrong twice: floored, not inverted");
        assertEquals(0, skills.get("sentiment").directionalCalls(), "a NEUTRAL call teaches nothing about direction");
        assertEquals(BetaLogOddsPolicy.FLOOR, ledger.weightOf("sentiment"), EXACT);
        assertEquals("beta-log-odds", ledger.history("technical", 1).get(0).policy());
    }

    @Test
    void should_name_in_each_event_what_the_policy_scored_so_that_a_wrong_call_never_raises_a_weight() {
        // +0.30 %: inside the epsilon band (0.005), so technical's BULLISH is "wrong" by the band, but right on the sign,
        // which is what beta-log-odds and win-rate learn from: its weight rises, and the event must say why.
        TrustLedger beta = ledger(TrustSettings.defaults());
        decideAndResolve(recorder(beta), 1, 0.003);

        TrustWeightEvent technical = beta.history("technical", 1).get(0);
        // one right directional call: p = 6 / 11, weight ln(6 / 5) = 0.182322
        assertEquals(Math.log(1.2), technical.newWeight(), EXACT);
        assertTrue(technical.newWeight() > technical.oldWeight());
        assertEquals("outcome of c-1: BULLISH 0.80, right on the sign, return +0.30%", technical.reason());
        assertEquals("outcome of c-1: BEARISH 0.60, wrong on the sign, return +0.30%", beta.history("risk", 1).get(0).reason());
        TrustWeightEvent sentiment = beta.history("sentiment", 1).get(0);
        assertEquals(sentiment.oldWeight(), sentiment.newWeight(), EXACT);
        assertEquals("outcome of c-1: NEUTRAL 0.50, not scored (no direction), return +0.30%", sentiment.reason());

        TrustLedger winRate = onFreshDatabase("win-rate", 0.003);
        // one win of one: 0.5 + 1.0
        assertEquals(1.5, winRate.weightOf("technical"), EXACT);
        assertEquals("outcome of c-1: BULLISH 0.80, a win, return +0.30%", winRate.history("technical", 1).get(0).reason());

        // the policies that learn from the band keep its words: correctness-step lowers the same call by 0.03
        TrustLedger step = onFreshDatabase("correctness-step", 0.003);
        assertEquals(0.97, step.weightOf("technical"), EXACT);
        assertEquals("outcome of c-1: BULLISH 0.80, wrong, return +0.30%", step.history("technical", 1).get(0).reason());
    }

    /** A ledger of {@code policy} on a database of its own, after decision c-1 resolved at {@code realizedReturn}. */
    private TrustLedger onFreshDatabase(String policy, double realizedReturn) {
        database = QuorumDatabase.open(dir.resolve(policy + ".db"));
        decisions = new DecisionStore(database, "quorum:decisions");
        TrustLedger ledger = ledger(new TrustSettings(TrustPolicies.byName(policy), 1, 0));
        decideAndResolve(recorder(ledger), 1, realizedReturn);
        return ledger;
    }

    @Test
    void should_refuse_a_rollback_under_a_policy_that_recomputes_the_weight_from_the_whole_record() {
        // snapshot after every outcome; c-1 +5 %: technical (BULLISH) right, so ln(6 / 5); c-8, a week later (windows
        // apart), -4 %: wrong, so r = 0.995, w = 1, p = 5.995 / 11.995 < 0.5: the floor
        TrustLedger ledger = ledger(new TrustSettings(TrustPolicies.byName("beta-log-odds"), 1, 0));
        OutcomeRecorder recorder = recorder(ledger);
        decideAndResolve(recorder, 1, 0.05);
        long first = ledger.snapshots(1).get(0).id();
        decideAndResolve(recorder, 8, -0.04);
        assertEquals(BetaLogOddsPolicy.FLOOR, ledger.weightOf("technical"), EXACT);
        int events = ledger.history("technical", 100).size();

        // restored to ln(1.2), the next right call (a week later, +3 %) would recompute r = 1.990, w = 0.995: p = 6.990 / 12.985,
        // ln(6.990 / 5.995) = 0.1536, a right call lowering the weight: refused instead, nothing changed
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ledger.rollback(first));
        assertEquals("snapshot " + first + " cannot be restored under trust policy beta-log-odds: it recomputes each weight "
                + "from the agent's whole record at its next outcome, and the record is not rolled back; nothing changed",
                refused.getMessage());
        assertEquals(BetaLogOddsPolicy.FLOOR, ledger.weightOf("technical"), EXACT);
        assertEquals(events, ledger.history("technical", 100).size());
        assertEquals(2, ledger.snapshots(10).size(), "no safety snapshot either");

        TrustLedger winRate = onFreshDatabase("win-rate", 0.05);
        assertThrows(IllegalArgumentException.class, () -> winRate.rollback(winRate.snapshots(1).get(0).id()));
    }

    @Test
    void should_count_the_calls_of_one_trade_date_as_one_session_of_evidence_shared_between_them() {
        TrustLedger ledger = ledger(TrustSettings.defaults());
        OutcomeRecorder recorder = recorder(ledger);
        LocalDate day = LocalDate.parse("2020-03-02");
        List<String> tickers = List.of("AAPL", "MSFT", "NVDA", "JPM");
        for (String ticker : tickers) {
            decisions.save(TestDecisions.decision("c-" + ticker, ticker, day));
        }
        // One rally: technical's four BULLISH calls are right together, risk's four BEARISH calls wrong together.
        for (String ticker : tickers) {
            recorder.record("c-" + ticker, Outcomes.market(0.04));
        }

        AgentSkill technical = ledger.skills().get("technical");
        // Each call weighs 1/4 and keeps 0.995^(1/4) of what came before: r = ((0.25 k + 0.25) k + 0.25) k + 0.25.
        double kept = Math.pow(AgentSkill.FORGETTING, 0.25);
        double right = 0.25 * (1 + kept + kept * kept + kept * kept * kept);
        assertEquals(right, technical.right(), EXACT);
        assertEquals(0.9981, technical.right(), 1e-4, "about one session's worth, not four");
        assertEquals(4, technical.directionalCalls(), "the calls themselves are all counted");
        // p = (5 + 0.9981) / (10 + 0.9981) = 0.5454; weight ln(p / (1 - p)) = 0.1820, not the 0.5596 of four right calls
        assertEquals(Math.log((5 + right) / 5.0), ledger.weightOf("technical"), EXACT);
        assertEquals(0.9981, ledger.skills().get("risk").wrong(), 1e-4);

        // The next day a single directional call is a whole session, but its 5-session outcome window shares four
        // sessions with the day before's: it adds a fifth of an observation.
        decisions.save(TestDecisions.decision("c-tuesday", "AAPL", day.plusDays(1)));
        recorder.record("c-tuesday", Outcomes.market(0.01));
        double afterTuesday = AgentSkill.FORGETTING * right + 0.2;
        assertEquals(afterTuesday, ledger.skills().get("technical").right(), EXACT);
    }

    @Test
    void should_add_only_the_part_of_a_sessions_outcome_window_the_agents_previous_session_did_not_cover() {
        TrustLedger ledger = ledger(TrustSettings.defaults());
        OutcomeRecorder recorder = recorder(ledger);
        decideAaplOnFourDays();
        // Resolved out of trade-date order: what a call is worth comes from the decisions, not from the order of outcomes.
        for (int i : new int[] {2, 0, 3, 1}) {
            recorder.record("c-" + i, Outcomes.market(0.03));
        }

        double k = AgentSkill.FORGETTING;
        // In recording order: 1 (2020-03-13, 5 sessions after 03-06), 1 (03-02, the first), 0.2 (03-16), 0.8 (03-06).
        double right = ((1 * k + 1) * k + 0.2) * k + 0.8;
        assertEquals(right, ledger.skills().get("technical").right(), EXACT);
        assertEquals(right, ledger.skills().get("risk").wrong(), EXACT);
        assertEquals(4, ledger.skills().get("technical").directionalCalls());
    }

    /** Decisions c-0..c-3 on AAPL: Monday, Friday (4 sessions later: 4 of 5 new), the next Friday (5 later: all new), Monday. */
    private void decideAaplOnFourDays() {
        List<LocalDate> days = List.of(LocalDate.parse("2020-03-02"), LocalDate.parse("2020-03-06"),
                LocalDate.parse("2020-03-13"), LocalDate.parse("2020-03-16"));
        for (int i = 0; i < days.size(); i++) {
            decisions.save(TestDecisions.decision("c-" + i, "AAPL", days.get(i)));
        }
    }

    @Test
    void should_weigh_the_outcomes_of_one_pass_by_their_own_trade_dates_reading_each_date_once() {
        TrustLedger ledger = ledger(TrustSettings.defaults());
        OutcomeRecorder recorder = recorder(ledger);
        // As above, with a second decision on 2020-03-02: that date's two calls share one session of evidence.
        decideAaplOnFourDays();
        decisions.save(TestDecisions.decision("c-msft", "MSFT", LocalDate.parse("2020-03-02")));
        OutcomeRecorder.Pass pass = recorder.pass();
        for (String id : List.of("c-2", "c-0", "c-msft", "c-3", "c-1")) {
            pass.record(id, Outcomes.market(0.03));
        }

        double k = AgentSkill.FORGETTING;
        double half = Math.pow(k, 0.5);
        // 03-13 whole (1), 03-02 twice at half a session each (0.5, keeping k^0.5), 03-16 a fifth, 03-06 four fifths.
        double right = (((1 * half + 0.5) * half + 0.5) * k + 0.2) * k + 0.8;
        assertEquals(right, ledger.skills().get("technical").right(), EXACT);
        assertEquals(right, ledger.skills().get("risk").wrong(), EXACT);
        assertEquals(5, ledger.skills().get("technical").directionalCalls());
    }

    @Test
    void should_learn_from_one_pass_over_several_trade_dates_what_recording_each_outcome_alone_learns() {
        // Dates two sessions apart, so each is the next one's previous directional session; MSFT's 03-04 decided twice
        // (the first superseded); technical BEARISH on MSFT 03-02 only, risk NEUTRAL on 03-04: the calls, the share of
        // each session and the novelty of each differ per agent, and the outcomes come out of trade-date order.
        List<String> order = List.of("msft-2", "aapl-0", "msft-1b", "aapl-2", "msft-0", "aapl-1");
        TrustLedger alone = ledger(TrustSettings.defaults());
        OutcomeRecorder one = recorder(alone);
        decideAcrossThreeSessions(decisions);
        order.forEach(id -> one.record(id, Outcomes.market(id.startsWith("aapl") ? 0.03 : -0.02)));

        QuorumDatabase second = QuorumDatabase.open(dir.resolve("second.db"));
        TrustLedger together = new TrustLedger(second, TrustSettings.defaults(), WeightsMirror.NONE, CLOCK);
        OutcomeRecorder.Pass pass = new OutcomeRecorder(second, together, OutcomeRules.defaults(), List.of(), CLOCK).pass();
        decideAcrossThreeSessions(new DecisionStore(second, "quorum:decisions"));
        order.forEach(id -> pass.record(id, Outcomes.market(id.startsWith("aapl") ? 0.03 : -0.02)));

        assertEquals(alone.skills(), together.skills());
        assertEquals(alone.currentWeights(), together.currentWeights());
    }

    private static void decideAcrossThreeSessions(DecisionStore store) {
        List<LocalDate> days = List.of(LocalDate.parse("2020-03-02"), LocalDate.parse("2020-03-04"), LocalDate.parse("2020-03-06"));
        for (int i = 0; i < days.size(); i++) {
            store.save(TestDecisions.decision("aapl-" + i, "AAPL", days.get(i)));
        }
        LocalDate day = days.get(0);
        store.save(TestDecisions.decision("msft-0", "MSFT", day, Verdict.SELL, List.of(
                TestDecisions.signal("technical", "MSFT", day, Direction.BEARISH, 0.7),
                TestDecisions.signal("risk", "MSFT", day, Direction.BEARISH, 0.6),
                TestDecisions.abstention("macro", "MSFT", day))));
        day = days.get(1);
        store.save(TestDecisions.decision("msft-1a", "MSFT", day));
        store.redecide(TestDecisions.decision("msft-1b", "MSFT", day, Verdict.BUY, List.of(
                TestDecisions.signal("technical", "MSFT", day, Direction.BULLISH, 0.9),
                TestDecisions.signal("risk", "MSFT", day, Direction.NEUTRAL, 0.5),
                TestDecisions.signal("macro", "MSFT", day, Direction.BULLISH, 0.6))));
        store.save(TestDecisions.decision("msft-2", "MSFT", days.get(2)));
    }

    @Test
    void should_refuse_a_rollback_to_an_unknown_snapshot() {
        TrustLedger ledger = ledger(TrustSettings.defaults());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ledger.rollback(99));

        assertTrue(refused.getMessage().contains("no trust weight snapshot 99"), refused.getMessage());
    }

    @Test
    void should_keep_the_last_hundred_events_per_agent_when_pruning_is_configured() {
        TrustLedger ledger = ledger(new TrustSettings(TrustPolicies.byName("outcome-ema"), 1000, 100));
        OutcomeRecorder recorder = recorder(ledger);

        for (int n = 1; n <= 105; n++) {
            decideAndResolve(recorder, n, 0.01);
        }

        List<TrustWeightEvent> kept = ledger.history("technical", 1000);
        assertEquals(100, kept.size());
        assertTrue(kept.get(0).reason().startsWith("outcome of c-105:"), kept.get(0).reason());
        assertTrue(kept.get(99).reason().startsWith("outcome of c-6:"), kept.get(99).reason());
        assertEquals(105, ledger.performance().get(0).totalDecisions());
    }

    @Test
    void should_keep_every_event_by_default() {
        TrustLedger ledger = ledger(TrustSettings.defaults());
        OutcomeRecorder recorder = recorder(ledger);

        for (int n = 1; n <= 103; n++) {
            decideAndResolve(recorder, n, 0.01);
        }

        assertEquals(103, ledger.history("risk", 1000).size());
    }

    @Test
    void should_refuse_to_keep_fewer_than_a_hundred_events() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new TrustSettings(TrustPolicies.byName("outcome-ema"), 10, 50));

        assertTrue(refused.getMessage().contains("at least 100"), refused.getMessage());
    }

    @Test
    void should_pass_the_weights_each_vote_carried_to_the_listeners() {
        TrustLedger ledger = ledger(TrustSettings.defaults());
        decisions.save(TestDecisions.decision("c-1", "NVDA", LocalDate.parse("2023-06-01"), Verdict.SELL, List.of(
                new dev.quorum.memory.store.AgentRun(TestDecisions.signal("technical", "NVDA", LocalDate.parse("2023-06-01"),
                        Direction.BEARISH, 0.9).outcome(), TestDecisions.input("NVDA", LocalDate.parse("2023-06-01")), 1.35))));

        ResolvedOutcome outcome = recorder(ledger).record("c-1", Outcomes.market(-0.03));

        assertEquals(Map.of("technical", 1.35), outcome.weightsAtDecision());
        assertTrue(outcome.calls().get(0).correct());
        assertTrue(outcome.calls().get(0).agreedWithVerdict());
        assertEquals(0.03, outcome.calls().get(0).profitContribution(), EXACT);
    }

    @Test
    void should_update_only_the_agents_that_proposed_the_executed_trade_when_told() {
        // Seed 000's win-rate weights (0.5 + win rate) with "update only the agents that proposed the executed trade".
        TrustLedger proposers = ledger(new TrustSettings(TrustPolicies.byName("win-rate"), 10, 0, TrustSettings.Updates.PROPOSERS));
        OutcomeRecorder recorder = recorder(proposers);

        // BUY: technical BULLISH proposed it and the trade made 5 %: a win, 0.5 + 1/1 = 1.5. risk (BEARISH, against the
        // trade) and sentiment (NEUTRAL) did not propose it: untouched, not even counted in agent_performance.
        ResolvedOutcome buy = decideAndResolve(recorder, 1, 0.05);
        assertEquals(Map.of("technical", 1.5), proposers.currentWeights());
        assertEquals(List.of("technical"), proposers.performance().stream().map(AgentPerformance::agent).toList());
        assertEquals(3, buy.calls().size(), "every call is still stored with the outcome");

        // HOLD executed no trade: nobody moves, whatever the market did.
        decisions.save(TestDecisions.decision("c-hold", "NVDA", LocalDate.parse("2020-02-01"), Verdict.HOLD, List.of(
                TestDecisions.signal("technical", "NVDA", LocalDate.parse("2020-02-01"), Direction.BULLISH, 0.8),
                TestDecisions.signal("sentiment", "NVDA", LocalDate.parse("2020-02-01"), Direction.NEUTRAL, 0.5))));
        recorder.record("c-hold", Outcomes.market(-0.04));
        assertEquals(Map.of("technical", 1.5), proposers.currentWeights());
        assertEquals(1, proposers.performance().get(0).totalDecisions());

        // The default moves every voter: risk's BEARISH call lost (0.5 + 0/1 = 0.5), sentiment's NEUTRAL keeps 1.0.
        QuorumDatabase other = QuorumDatabase.open(dir.resolve("voters.db"));
        TrustLedger voters = new TrustLedger(other, new TrustSettings(TrustPolicies.byName("win-rate"), 10, 0), WeightsMirror.NONE, CLOCK);
        new DecisionStore(other, "quorum:decisions").save(TestDecisions.decision("c-1", "NVDA", LocalDate.parse("2020-01-02")));
        new OutcomeRecorder(other, voters, OutcomeRules.defaults(), List.of(), CLOCK).record("c-1", Outcomes.market(0.05));
        assertEquals(Map.of("risk", 0.5, "sentiment", 1.0, "technical", 1.5), voters.currentWeights());
    }
    /**
     * In a batch the ledger keeps its rows (and the store a decision's votes) in memory instead of reading them back: the same weights, skills,
     * performance rows and events as outside one, also after an operation that moved the weights failed (its savepoint
     * rolled the rows back, and what was kept of them must go with it).
     */
    @Test
    void should_learn_the_same_in_a_batch_and_forget_what_a_failed_operation_rolled_back() {
        TrustLedger plain = ledger(TrustSettings.defaults());
        OutcomeRecorder outside = recorder(plain);
        QuorumDatabase batched = QuorumDatabase.open(dir.resolve("batched.db"));
        DecisionStore batchedDecisions = new DecisionStore(batched, "quorum:decisions");
        TrustLedger kept = new TrustLedger(batched, TrustSettings.defaults(), WeightsMirror.NONE, CLOCK);
        OutcomeRecorder inside = new OutcomeRecorder(batched, kept, OutcomeRules.defaults(), List.of(), CLOCK);
        double[] returns = {0.05, -0.02, 0.03, -0.04};
        try (QuorumDatabase.Batch batch = batched.batch("test")) {
            for (int n = 0; n < returns.length; n++) {
                String id = "c-" + n;
                batchedDecisions.save(TestDecisions.decision(id, "NVDA", LocalDate.parse("2020-01-01").plusDays(n)));
                ResolvedOutcome read = decideAndResolve(outside, n, returns[n]);
                // The votes of a decision saved in the batch are kept until its outcome: the same calls as read back.
                ResolvedOutcome keptVotes = inside.record(id, Outcomes.market(returns[n]));
                assertEquals(read.calls(), keptVotes.calls());
                assertEquals(read.weightsAtDecision(), keptVotes.weightsAtDecision());
                assertEquals(plain.currentWeights(), kept.currentWeights(), "after outcome " + n);
                assertEquals(plain.skills(), kept.skills(), "after outcome " + n);
                if (n == 1) {
                    Map<String, Double> before = kept.currentWeights();
                    assertThrows(IllegalStateException.class, () -> batched.inTransaction("learn, then fail", connection -> {
                        kept.apply(connection, 1, "c-0", Map.of(), List.of(new ScoredCall("technical", Direction.BULLISH, 0.9, 0.2, true, 0.2, true)));
                        assertTrue(kept.currentWeights().get("technical") > before.get("technical"), "the failed operation moved it");
                        throw new IllegalStateException("failed after the update");
                    }));
                    assertEquals(before, kept.currentWeights(), "the rolled-back update is forgotten");
                }
            }
            assertThrows(dev.quorum.memory.outcomes.OutcomeRejectedException.class, () -> inside.record("c-0", Outcomes.market(0.01)),
                    "an outcome is recorded once, in a batch too");
            batch.commit();
        }
        assertEquals(plain.currentWeights(), kept.currentWeights());
        assertEquals(plain.skills(), kept.skills());
        assertEquals(withoutTimes(plain.performance()), withoutTimes(kept.performance()));
        for (String agent : List.of("technical", "risk", "sentiment")) {
            assertEquals(plain.history(agent, 10).stream().map(e -> e.oldWeight() + ">" + e.newWeight() + " " + e.reason()).toList(),
                    kept.history(agent, 10).stream().map(e -> e.oldWeight() + ">" + e.newWeight() + " " + e.reason()).toList(), agent);
        }
        assertEquals(returns.length * 3, plain.history("technical", 100).size() + plain.history("risk", 100).size()
                + plain.history("sentiment", 100).size(), "one event per voter and outcome");
    }

    private static List<AgentPerformance> withoutTimes(List<AgentPerformance> rows) {
        return rows.stream().map(p -> new AgentPerformance(p.agent(), p.totalDecisions(), p.correctDecisions(), p.accuracy(),
                p.avgProfitContribution(), p.currentWeight(), p.sharpeRatio(), p.winRate(), p.wins(), p.losses(),
                p.sumProfitContribution(), p.sumSquaredProfitContribution(), p.grossProfit(), p.grossLoss(), CLOCK.instant())).toList();
    }

    @Test
    void should_keep_seed_001s_profit_factor_in_agent_performance() {
        TrustLedger ledger = ledger(OUTCOME_EMA);
        OutcomeRecorder recorder = recorder(ledger);

        decideAndResolve(recorder, 1, 0.05);
        decideAndResolve(recorder, 2, -0.02);

        // technical BULLISH: +0.05 then -0.02 -> 0.05 / 0.02 = 2.5; risk BEARISH: -0.05 then +0.02 -> 0.02 / 0.05 = 0.4;
        // sentiment NEUTRAL contributes 0 either way: no loss, no profit factor.
        Map<String, AgentPerformance> byAgent = new java.util.TreeMap<>();
        ledger.performance().forEach(p -> byAgent.put(p.agent(), p));
        assertEquals(2.5, byAgent.get("technical").profitFactor().getAsDouble(), EXACT);
        assertEquals(0.4, byAgent.get("risk").profitFactor().getAsDouble(), EXACT);
        assertTrue(byAgent.get("sentiment").profitFactor().isEmpty());
        Map<String, Double> column = database.read("read profit_factor", connection -> {
            Map<String, Double> values = new java.util.TreeMap<>();
            try (java.sql.Statement statement = connection.createStatement();
                 java.sql.ResultSet rs = statement.executeQuery("SELECT agent, profit_factor FROM agent_performance WHERE profit_factor IS NOT NULL")) {
                while (rs.next()) {
                    values.put(rs.getString(1), rs.getDouble(2));
                }
            }
            return values;
        });
        assertEquals(2.5, column.get("technical"), EXACT);
        assertEquals(0.4, column.get("risk"), EXACT);
        assertEquals(2, column.size());
    }
}
