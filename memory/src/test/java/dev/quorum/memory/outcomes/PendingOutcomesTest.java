package dev.quorum.memory.outcomes;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.TradingCalendar;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.store.TestDecisions;
import dev.quorum.memory.trust.ScoredCall;
import dev.quorum.memory.trust.TrustLedger;
import dev.quorum.memory.trust.TrustSettings;
import dev.quorum.memory.trust.WeightsMirror;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingOutcomesTest {

    private static final Clock CLOCK = Clock.fixed(TestDecisions.DECIDED_AT, ZoneOffset.UTC);
    private static final double EXACT = 1e-12;

    @TempDir
    Path dir;

    private DecisionStore decisions;
    private TrustLedger ledger;
    private PendingOutcomes pending;

    @BeforeEach
    void open() {
        QuorumDatabase database = QuorumDatabase.open(dir.resolve("quorum.db"));
        decisions = new DecisionStore(database, "quorum:decisions");
        ledger = new TrustLedger(database, TrustSettings.defaults(), WeightsMirror.NONE, CLOCK);
        pending = new PendingOutcomes(decisions, new OutcomeRecorder(database, ledger, OutcomeRules.defaults(), List.of(), CLOCK));
    }

    @Test
    void should_resolve_a_decision_from_the_shipped_sample_once_its_exit_session_has_closed() {
        CsvMarketData market = CsvMarketData.open(ProjectPaths.root().resolve("samples/market"));
        LocalDate thursday = LocalDate.parse("2023-06-01");
        decisions.save(TestDecisions.decision("c-nvda", "NVDA", thursday));

        assertEquals(List.of(), pending.resolve(market, LocalDate.parse("2023-06-07")));
        List<ResolvedOutcome> resolved = pending.resolve(market, LocalDate.parse("2023-06-08"));

        assertEquals(1, resolved.size());
        Observation o = resolved.get(0).observation();
        assertEquals(Optional.of(LocalDate.parse("2023-06-02")), o.entryDate());
        assertEquals(Optional.of(LocalDate.parse("2023-06-08")), o.exitDate());
        assertEquals(40.097, o.entryPrice(), EXACT);
        assertEquals(38.509998, o.exitPrice(), EXACT);
        // NVDA: 38.479919 / (40.097 x 39.292215 / 39.327) - 1 (the 0.004 dividend of 06-07 included)
        assertEquals(-0.03947963980901603, o.realizedReturn(), 1e-12);
        // SPY: 412.954372 / (424.5 x 411.789990 / 427.920013) - 1 = +0.0109070
        assertEquals(0.010906959797809312, o.benchmarkReturn().getAsDouble(), 1e-12);
        assertEquals(-0.050386599606825344, o.alpha().getAsDouble(), 1e-12);
        assertEquals(List.of("technical:BULLISH:false", "risk:BEARISH:true", "sentiment:NEUTRAL:false"),
                resolved.get(0).calls().stream().map(c -> c.agent() + ":" + c.signal() + ":" + c.correct()).toList());
        assertEquals(List.of(), pending.resolve(market, LocalDate.parse("2023-06-30")));
    }

    @Test
    void should_resolve_years_of_decisions_on_the_real_price_history() {
        Optional<Path> shared = ProjectPaths.shared();
        Assumptions.assumeTrue(shared.isPresent(), "../shared/data is absent (a user's clone): the full-history check is skipped");
        CsvMarketData market = CsvMarketData.open(shared.get().resolve("data"));
        TradingCalendar calendar = market.calendar();
        List<String> tickers = List.of("AAPL", "MSFT", "JPM", "XOM", "KO");
        List<LocalDate> sessions = calendar.sessions().stream()
                .filter(d -> !d.isBefore(LocalDate.parse("2015-01-02")) && !d.isAfter(LocalDate.parse("2022-12-30"))).toList();
        int count = 0;
        for (int i = 0; i < sessions.size(); i += 63) {
            for (String ticker : tickers) {
                LocalDate day = sessions.get(i);
                decisions.save(TestDecisions.decision(ticker + "-" + day, ticker, day, Verdict.BUY, List.of(
                        TestDecisions.signal("momentum", ticker, day, Direction.BULLISH, 0.7),
                        TestDecisions.signal("contrarian", ticker, day, Direction.BEARISH, 0.7))));
                count++;
            }
        }

        List<ResolvedOutcome> resolved = pending.resolve(market, LocalDate.parse("2023-01-31"));

        assertEquals(count, resolved.size());
        for (ResolvedOutcome outcome : resolved) {
            LocalDate entry = calendar.sessionAfter(outcome.tradeDate());
            assertEquals(Optional.of(entry), outcome.observation().entryDate(), outcome.correlationId());
            LocalDate exit = entry;
            for (int s = 1; s < 5; s++) {
                exit = calendar.sessionAfter(exit);
            }
            assertEquals(Optional.of(exit), outcome.observation().exitDate(), outcome.correlationId());
            ScoredCall momentum = outcome.calls().get(0);
            assertEquals(outcome.observation().realizedReturn(), momentum.profitContribution(), EXACT);
        }
        long up = resolved.stream().filter(o -> o.observation().realizedReturn() > 0.005).count();
        long down = resolved.stream().filter(o -> o.observation().realizedReturn() < -0.005).count();
        assertEquals(List.of(up, down), ledger.performance().stream()
                .sorted(java.util.Comparator.comparing(p -> !p.agent().equals("momentum")))
                .map(p -> p.correctDecisions()).toList());
        assertTrue(up > down, "2015-2022 rose more often than it fell over 5 sessions: " + up + " vs " + down);
    }
}
