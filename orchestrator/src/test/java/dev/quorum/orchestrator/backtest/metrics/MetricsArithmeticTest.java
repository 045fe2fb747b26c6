package dev.quorum.orchestrator.backtest.metrics;

import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.memory.trust.TrustPolicies;
import dev.quorum.orchestrator.review.RiskReview;
import dev.quorum.orchestrator.synthesis.EnsembleGuard;
import org.junit.jupiter.api.Test;

import dev.quorum.agents.market.PriceBar;
import dev.quorum.orchestrator.consensus.Pooling;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every figure checked against values worked out by hand (the working is in the comments). */
class MetricsArithmeticTest {

    private static final double EPS = 1e-9;
    private static final LocalDate DAY1 = LocalDate.of(2020, 1, 6);
    private static final LocalDate DAY2 = LocalDate.of(2020, 1, 7);
    private static final LocalDate DAY3 = LocalDate.of(2020, 1, 8);
    private static final LocalDate DAY4 = LocalDate.of(2020, 1, 9);

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
        assertEquals(1, s.maxDrawdownSessions(), "one session below the peak, recovered at the third");
        assertEquals(0.0208167 * Math.sqrt(252), s.volatility(), 1e-6);
        assertEquals(Math.pow(1.040094, 84) - 1, s.annualisedReturn(), 1e-9);
        ReturnStats flat = ReturnStats.of(new double[]{0.01, 0.01});
        assertNull(flat.sharpe(), "no variation: no Sharpe");
        assertNull(flat.sortino(), "no losing session: no Sortino");
    }

    @Test
    void should_bin_confidence_and_score_brier() {
        // bins: [0.9, 1.0] holds 0.95 hit and 0.95 miss (rate 0.5), [0.1, 0.2) holds 0.15 miss (rate 0);
        // Brier = (0.05² + 0.95² + 0.15²) / 3 = 0.309167
        Calibration c = Calibration.of(List.of(new Calibration.Call(0.95, true), new Calibration.Call(0.95, false),
                new Calibration.Call(0.15, false)));
        assertEquals(0.309167, c.brier(), 1e-6);
        // the base-rate forecast states 1/3 every time: (2/3)^2/3 + 2 x (1/3)^2/3 = 2/9 = p(1-p)
        assertEquals(2.0 / 9.0, c.baseRateBrier(), 1e-12);
        assertEquals(2, c.bins().get(9).calls());
        assertEquals(0.5, c.bins().get(9).hitRate(), EPS);
        assertEquals(0.95, c.bins().get(9).meanConfidence(), EPS);
        assertEquals(0.0, c.bins().get(1).hitRate(), EPS);
        assertNull(c.bins().get(5).hitRate());
        assertEquals(1, Calibration.of(List.of(new Calibration.Call(1.0, true))).bins().get(9).calls(), "1.0 falls in the top bin");
    }

    @Test
    void should_refuse_an_outcome_to_the_ablation_before_its_exit_session() {
        // Agent a says BULLISH 0.6, b BEARISH 0.4. Equal weights: score (0.6 - 0.4) / 1.0 = 0.2 < 0.25: HOLD.
        // The first decision (exit DAY3, +5 %) makes a a winner and b a loser: win-rate weights 1.5 and 0.5, so from
        // DAY3 on the score is (0.9 - 0.2) / 1.1 = 0.636: BUY. On DAY2 that outcome is not known yet: still HOLD.
        List<ResolvedDecision> decisions = List.of(
                voted("X", DAY1, DAY3), voted("X", DAY2, DAY3.plusDays(1)), voted("X", DAY3, DAY3.plusDays(2)));
        Weightings w = new Weightings(2, 0.25, OutcomeRules.defaults(), new EnsembleGuard(0.5), new RiskReview("risk", 0.6), Pooling.STATED);
        assertEquals(List.of(Verdict.HOLD, Verdict.HOLD, Verdict.HOLD), w.equalWeights(decisions));
        assertEquals(List.of(Verdict.HOLD, Verdict.HOLD, Verdict.BUY), w.underPolicy(decisions, TrustPolicies.byName("win-rate")));
    }

    @Test
    void should_replay_every_weighting_from_the_same_votes() {
        // Two tickers, two days, H = 1; every decision carries a BULLISH 0.8 and b BEARISH 0.2.
        List<ResolvedDecision> decisions = List.of(
                decision("A", DAY1, Verdict.BUY, 0.02), decision("B", DAY1, Verdict.SELL, -0.01),
                decision("A", DAY2, Verdict.HOLD, 0.001), decision("B", DAY2, Verdict.BUY, -0.03));
        Map<String, List<PriceBar>> bars = new LinkedHashMap<>();
        for (String ticker : List.of("A", "B", "SPY")) {
            bars.put(ticker, List.of(bar(DAY1, 10), bar(DAY2, 10.1), bar(DAY3, 10.2), bar(DAY4, 10.3)));
        }
        // the risk review's agent is b, whose BEARISH 0.2 is enough (caution 0.1) to hold any BUY
        BacktestMetrics m = BacktestMetrics.compute(decisions, new BacktestMetrics.Settings(
                new OutcomeRules(1, 0.005, "SPY"), new StrategyRules(1, 0.0, 0.0), 2, 0.25, "outcome-ema",
                new EnsembleGuard(0.5), new RiskReview("b", 0.1), Pooling.STATED),
                new DailyPrices(List.of(DAY1, DAY2, DAY3, DAY4), bars));
        assertEquals(List.of("equal weights", "beta-log-odds", "outcome-ema", "win-rate", "consensus-agreement", "correctness-step",
                        "outcome-ema +guard",
                        "outcome-ema +review", "outcome-ema +guard +review", "meta-learner"),
                m.ablation().stream().map(VariantResult::name).toList());
        Map<String, VariantResult> rows = new LinkedHashMap<>();
        m.ablation().forEach(v -> rows.put(v.name(), v));
        // the as-run verdicts also went through the meta-learner's veto, which no replay re-applies: its label says so,
        // so that it does not read like the "outcome-ema +guard +review" row
        assertEquals("outcome-ema +veto", m.asRun().weighting());
        assertTrue(m.asRun().guard() && m.asRun().review(), "the as-run verdicts went through the guard and the review");
        assertFalse(rows.get("outcome-ema").guard() || rows.get("outcome-ema").review(), "a replay re-fuses the votes only");
        // the votes (a BULLISH 0.8, b BEARISH 0.2) fuse to (0.8 - 0.2) / 2 = +0.3 under equal weights: BUY every time; the guard never refuses a verdict the score
        // agrees with; the review holds every BUY
        assertEquals(4, rows.get("equal weights").directional().longs());
        assertEquals(4, rows.get("outcome-ema +guard").directional().longs());
        assertEquals(0, rows.get("outcome-ema +review").directional().longs());
        assertEquals(4, rows.get("outcome-ema +guard +review").directional().flats());
        assertTrue(rows.get("outcome-ema +review").review() && !rows.get("outcome-ema +review").guard());
        // each row names its baseline: the weightings against equal weights, the checks against their policy
        assertEquals("equal weights", rows.get("win-rate").versusBaseline().baseline());
        assertEquals("outcome-ema", rows.get("outcome-ema +review").versusBaseline().baseline());
        assertEquals("outcome-ema", m.asRun().versusBaseline().baseline());
        // meta-learner predicted +1 % > epsilon everywhere: BUY
        assertEquals(4, rows.get("meta-learner").directional().longs());
        // a (BULLISH) is right on the sign only on +2 % and +0.1 %: 2 of 4; b (BEARISH) on -1 % and -3 %: 2 of 4
        assertEquals(0.5, m.agents().get("a").accuracy().rate(), EPS);
        assertEquals(0.5, m.agents().get("b").accuracy().rate(), EPS);
        // the book runs DAY2 (first entry) to DAY4 (the open after the last exit)
        assertEquals(List.of(DAY2, DAY3, DAY4), m.sessions());
    }

    private static PriceBar bar(LocalDate day, double close) {
        return new PriceBar(day, close, close, close, close, close, 100, 0.0);
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
