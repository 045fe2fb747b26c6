package dev.quorum.orchestrator.backtest.metrics;

import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.memory.trust.TrustPolicies;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every figure checked against values worked out by hand (the working is in the comments). */
class MetricsArithmeticTest {

    private static final double EPS = 1e-9;
    private static final LocalDate DAY1 = LocalDate.of(2020, 1, 6);
    private static final LocalDate DAY2 = LocalDate.of(2020, 1, 7);
    private static final LocalDate DAY3 = LocalDate.of(2020, 1, 8);

    @Test
    void should_give_the_wilson_interval_of_8_hits_in_10() {
        // p = 0.8, z = 1.96: centre = (0.8 + z²/20) / (1 + z²/10) = 0.71674,
        // half = z / (1 + z²/10) * sqrt(0.8*0.2/10 + z²/400) = 0.22658 -> [0.4902, 0.9433]
        HitRate r = HitRate.of(8, 10);
        assertEquals(0.8, r.rate(), EPS);
        assertEquals(0.4902, r.lower(), 1e-4);
        assertEquals(0.9433, r.upper(), 1e-4);
        HitRate none = HitRate.of(0, 0);
        assertNull(none.rate());
        assertEquals(0.0, HitRate.of(0, 5).rate(), EPS);
        assertEquals(0.0, HitRate.of(0, 5).lower(), EPS);
    }

    @Test
    void should_compute_sharpe_sortino_and_drawdown_of_three_sessions() {
        // returns 2 %, -1 %, 3 %: mean 0.013333, sample sd sqrt(8.6667e-4 / 2) = 0.0208167,
        // Sharpe = 0.013333 / 0.0208167 * sqrt(252) = 10.1678; downside sd = sqrt(0.01² / 3) = 0.0057735,
        // Sortino = 0.013333 / 0.0057735 * sqrt(252) = 36.6606; equity 1.02, 1.0098, 1.040094: drawdown -1 %.
        ReturnStats s = ReturnStats.of(new double[]{0.02, -0.01, 0.03});
        assertEquals(0.040094, s.totalReturn(), 1e-9);
        assertEquals(10.1678, s.sharpe(), 1e-4);
        assertEquals(36.6606, s.sortino(), 1e-4);
        assertEquals(-0.01, s.maxDrawdown(), 1e-12);
        assertEquals(Math.pow(1.040094, 84) - 1, s.annualisedReturn(), 1e-9);
        ReturnStats flat = ReturnStats.of(new double[]{0.01, 0.01});
        assertNull(flat.sharpe(), "no variation: no Sharpe");
        assertNull(flat.sortino(), "no losing session: no Sortino");
    }

    @Test
    void should_count_wins_losses_and_profit_factor() {
        // wins 2 % and 3 % (avg 2.5 %), losses -1 % and -2 % (avg -1.5 %): PF = 5 / 3
        TradeStats t = TradeStats.of(List.of(0.02, -0.01, 0.03, -0.02), 0.5);
        assertEquals(4, t.trades());
        assertEquals(0.5, t.winRate(), EPS);
        assertEquals(0.025, t.averageWin(), EPS);
        assertEquals(-0.015, t.averageLoss(), EPS);
        assertEquals(5.0 / 3.0, t.profitFactor(), EPS);
        assertNull(TradeStats.of(List.of(0.01), 0).profitFactor(), "no loss: no profit factor");
    }

    @Test
    void should_bin_confidence_and_score_brier() {
        // bins: [0.9, 1.0] holds 0.95 hit and 0.95 miss (rate 0.5), [0.1, 0.2) holds 0.15 miss (rate 0);
        // Brier = (0.05² + 0.95² + 0.15²) / 3 = 0.309167
        Calibration c = Calibration.of(List.of(new Calibration.Call(0.95, true), new Calibration.Call(0.95, false),
                new Calibration.Call(0.15, false)));
        assertEquals(0.309167, c.brier(), 1e-6);
        assertEquals(2, c.bins().get(9).calls());
        assertEquals(0.5, c.bins().get(9).hitRate(), EPS);
        assertEquals(0.95, c.bins().get(9).meanConfidence(), EPS);
        assertEquals(0.0, c.bins().get(1).hitRate(), EPS);
        assertNull(c.bins().get(5).hitRate());
        assertEquals(1, Calibration.of(List.of(new Calibration.Call(1.0, true))).bins().get(9).calls(), "1.0 falls in the top bin");
    }

    @Test
    void should_trade_long_short_flat_after_round_trip_costs() {
        StrategyRules rules = new StrategyRules(5, 5.0);
        assertEquals(0.02 - 0.001, rules.pnl(Verdict.BUY, 0.02), EPS);
        assertEquals(-0.02 - 0.001, rules.pnl(Verdict.SELL, 0.02), EPS);
        assertEquals(0.0, rules.pnl(Verdict.HOLD, 0.02), EPS);
    }

    @Test
    void should_book_a_tranche_of_one_over_h_per_session() {
        // day 1: mean(2 %, 4 %) / H(2) = 1.5 %; day 2: no decision, 0
        List<ResolvedDecision> decisions = List.of(decision("A", DAY1, Verdict.BUY, 0.02), decision("B", DAY1, Verdict.BUY, 0.04));
        SessionReturns r = SessionReturns.of(decisions, List.of(DAY1, DAY2), 2, ResolvedDecision::realizedReturn);
        assertEquals(0.015, r.returns()[0], EPS);
        assertEquals(0.0, r.returns()[1], EPS);
        assertEquals(1.015, r.equity()[1], EPS);
    }

    @Test
    void should_refuse_an_outcome_to_the_ablation_before_its_exit_session() {
        // Agent a says BULLISH 0.6, b BEARISH 0.4. Equal weights: score (0.6 - 0.4) / 1.0 = 0.2 < 0.25: HOLD.
        // The first decision (exit DAY3, +5 %) makes a a winner and b a loser: win-rate weights 1.5 and 0.5, so from
        // DAY3 on the score is (0.9 - 0.2) / 1.1 = 0.636: BUY. On DAY2 that outcome is not known yet: still HOLD.
        List<ResolvedDecision> decisions = List.of(
                voted("X", DAY1, DAY3), voted("X", DAY2, DAY3.plusDays(1)), voted("X", DAY3, DAY3.plusDays(2)));
        Weightings w = new Weightings(2, 0.25, OutcomeRules.defaults());
        assertEquals(List.of(Verdict.HOLD, Verdict.HOLD, Verdict.HOLD), w.equalWeights(decisions));
        assertEquals(List.of(Verdict.HOLD, Verdict.HOLD, Verdict.BUY), w.underPolicy(decisions, TrustPolicies.byName("win-rate")));
    }

    @Test
    void should_compute_every_variant_and_benchmark_from_the_same_decisions() {
        // Two tickers, two days, H = 1. As run: A BUY +2 %, B SELL -1 % (short earns 1 %), A HOLD, B BUY -3 %.
        List<ResolvedDecision> decisions = List.of(
                decision("A", DAY1, Verdict.BUY, 0.02), decision("B", DAY1, Verdict.SELL, -0.01),
                decision("A", DAY2, Verdict.HOLD, 0.001), decision("B", DAY2, Verdict.BUY, -0.03));
        BacktestMetrics m = BacktestMetrics.compute(decisions, new BacktestMetrics.Settings(
                new OutcomeRules(1, 0.005, "SPY"), new StrategyRules(1, 0.0), 2, 0.25));
        // hits: BUY +2 % yes, SELL -1 % yes, HOLD +0.1 % yes, BUY -3 % no -> 3 of 4
        assertEquals(3, m.asRun().hitRate().hits());
        assertEquals(4, m.asRun().hitRate().total());
        // session returns: day 1 mean(2 %, 1 %) = 1.5 %, day 2 mean(0, -3 %) = -1.5 % -> equity 1.015 * 0.985
        assertEquals(1.015 * 0.985 - 1, m.asRun().returns().totalReturn(), EPS);
        // trades 2 %, 1 %, -3 %: win rate 2/3, PF 3/3 = 1
        assertEquals(2.0 / 3.0, m.asRun().trades().winRate(), EPS);
        assertEquals(1.0, m.asRun().trades().profitFactor(), EPS);
        // position changes: A 1 -> 0 (1), B -1 -> 1 (2): mean 1.5
        assertEquals(1.5, m.asRun().trades().turnover(), EPS);
        // buy and hold, equal weight: day 1 mean(2 %, -1 %) = 0.5 %, day 2 mean(0.1 %, -3 %) = -1.45 %
        assertEquals(1.005 * (1 - 0.0145) - 1, m.benchmarks().get(BacktestMetrics.EQUAL_WEIGHT_HOLD).totalReturn(), EPS);
        // SPY from the stored benchmark returns: +1 % each session
        assertEquals(1.01 * 1.01 - 1, m.benchmarks().get(BacktestMetrics.SPY).totalReturn(), EPS);
        assertEquals(List.of("equal weights", "beta-log-odds", "outcome-ema", "win-rate", "consensus-agreement",
                "correctness-step", "meta-learner"), m.ablation().stream().map(VariantResult::name).toList());
        // the votes (a BULLISH 0.8, b BEARISH 0.2) fuse to (0.8 - 0.2) / 2 = +0.3 under equal weights: BUY every time
        assertEquals(4, m.ablation().get(0).buys());
        // meta-learner predicted +1 % > epsilon everywhere: BUY
        assertEquals(4, m.ablation().get(6).buys());
        // a (BULLISH) is right only on +2 %: 1 of 4; b (BEARISH) on -1 % and -3 %: 2 of 4
        assertEquals(0.25, m.agents().get("a").rate(), EPS);
        assertEquals(0.5, m.agents().get("b").rate(), EPS);
    }

    private static ResolvedDecision decision(String ticker, LocalDate day, Verdict verdict, double r) {
        return new ResolvedDecision(ticker, day, verdict, 0.7, 0.5, 0.01,
                List.of(new RecordedVote("a", Direction.BULLISH, 0.8, 1.0), new RecordedVote("b", Direction.BEARISH, 0.2, 1.0)),
                day.plusDays(1), r, 0.01);
    }

    private static ResolvedDecision voted(String ticker, LocalDate day, LocalDate exit) {
        return new ResolvedDecision(ticker, day, Verdict.HOLD, 0.2, 0.2, null,
                List.of(new RecordedVote("a", Direction.BULLISH, 0.6, 1.0), new RecordedVote("b", Direction.BEARISH, 0.4, 1.0)),
                exit, 0.05, 0.01);
    }
}
