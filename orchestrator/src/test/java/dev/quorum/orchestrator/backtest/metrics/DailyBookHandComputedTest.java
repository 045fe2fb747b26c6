package dev.quorum.orchestrator.backtest.metrics;

import dev.quorum.agents.market.PriceBar;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.orchestrator.review.RiskReview;
import dev.quorum.orchestrator.synthesis.EnsembleGuard;
import dev.quorum.orchestrator.consensus.Pooling;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Three tickers, twelve sessions (s0..s11), H = 2, 6 bps cost + 4 bps slippage per side (0.001): every figure of the
 * daily book, the benchmarks, the directional accuracy and the calibration, worked out independently of the
 * production code (the per-session working is in the comments; aggregates follow the {@link ReturnStats} conventions).
 * <p>
 * Prices (open = previous close except A's s3 open 103, a gap up, and SPY's s1 open 301):
 * <pre>
 *   A   100 102 101 104 103 105 107 106 108 110 109 111
 *   B    50  49  50  51  50  49  48  49  50  49  48  47
 *   C    20  20 20.5 20  21  21 20.5 21 21.5  21  22  22
 *   SPY 300 303 300 306 309 306 312 315 309 312 318 315
 * </pre>
 * Verdicts on s0..s8:
 * <pre>
 *   A  BUY  BUY  SELL HOLD BUY  BUY  BUY  SELL SELL
 *   B  SELL SELL SELL BUY HOLD SELL SELL BUY HOLD
 *   C  HOLD BUY BUY BUY SELL HOLD BUY BUY BUY
 * </pre>
 * A tranche is 1/(3 x 2) = 1/6 of the book, live on the two sessions after its trade date. The book runs s1..s11
 * (the last trade date s8 + H + 1: the last tranches are sold at s11's open).
 */
class DailyBookHandComputedTest {

    private static final LocalDate S0 = LocalDate.of(2020, 1, 6);
    private static final double[][] CLOSES = {
            {100, 102, 101, 104, 103, 105, 107, 106, 108, 110, 109, 111},
            {50, 49, 50, 51, 50, 49, 48, 49, 50, 49, 48, 47},
            {20, 20, 20.5, 20, 21, 21, 20.5, 21, 21.5, 21, 22, 22},
            {300, 303, 300, 306, 309, 306, 312, 315, 309, 312, 318, 315}};
    private static final String[] NAMES = {"A", "B", "C", "SPY"};
    private static final String[] VERDICTS = {
            "BUY BUY SELL HOLD BUY BUY BUY SELL SELL",
            "SELL SELL SELL BUY HOLD SELL SELL BUY HOLD",
            "HOLD BUY BUY BUY SELL HOLD BUY BUY BUY"};

    /*
     * Weights in sixths (A, B, C) = the sum of the positions decided on the two previous sessions; traded T = sum of
     * |weight change| at the open; r = (1 + overnight) x (1 - 0.001 T) x (1 + intraday) - 1.
     *   s1  ( 1,-1, 0)  T 2/6  intraday  1/6 x 2/100 - 1/6 x (-1/50)                          = +0.0066667  r +0.0063311
     *   s2  ( 2,-2, 1)  T 3/6  2/6 x (-1/102) - 2/6 x (1/49) + 1/6 x (0.5/20)                 = -0.0059040  r -0.0064011
     *   s3  ( 0,-2, 2)  T 3/6  overnight A 2/6 x (103/101 - 1) = +0.0066007;
     *                          intraday -2/6 x 1/50 + 2/6 x (-0.5/20.5) (A flat from the open)  = -0.0147967  r -0.0087896
     *   s4  (-1, 0, 2)  T 3/6  -1/6 x (-1/104) + 2/6 x (1/20)                                  = +0.0182692  r +0.0177601
     *   s5  ( 1, 1, 0)  T 5/6  1/6 x 2/103 + 1/6 x (-1/50)                                     = -0.0000971  r -0.0009303
     *   s6  ( 2,-1,-1)  T 4/6  2/6 x 2/105 - 1/6 x (-1/49) - 1/6 x (-0.5/21)                   = +0.0137188  r +0.0130430
     *   s7  ( 2,-2, 1)  T 3/6  2/6 x (-1/107) - 2/6 x (1/48) + 1/6 x (0.5/20.5)                = -0.0059947  r -0.0064917
     *   s8  ( 0, 0, 2)  T 5/6  2/6 x (0.5/21)                                                  = +0.0079365  r +0.0070966
     *   s9  (-2, 1, 2)  T 3/6  -2/6 x 2/108 + 1/6 x (-1/50) + 2/6 x (-0.5/21.5)                = -0.0172581  r -0.0177495
     *   s10 (-1, 0, 1)  T 3/6  -1/6 x (-1/110) + 1/6 x (1/21)                                  = +0.0094517  r +0.0089469
     *   s11 ( 0, 0, 0)  T 2/6  nothing held                                                    =  0          r -0.0003333
     */
    private static final double[] STRATEGY = {0.006331111111111065, -0.00640107626383879, -0.008789609326786185,
            0.017760096153846217, -0.0009303398058252421, 0.013043008314436833, -0.00649167125724992, 0.00709656084656074,
            -0.01774948176859026, 0.008946933621933661, -0.0003333333333332966};

    @Test
    void should_mark_the_overlapping_tranches_to_market_every_session() {
        BacktestMetrics m = metrics();
        assertEquals(11, m.sessions().size());
        assertEquals(session(1), m.sessions().get(0), "the book starts at the first entry, not on the trade date");
        assertEquals(session(11), m.sessions().get(10));
        double[] equity = m.curves().get(BacktestMetrics.STRATEGY);
        double e = 1.0;
        for (int k = 0; k < STRATEGY.length; k++) {
            e *= 1.0 + STRATEGY[k];
            assertEquals(e, equity[k], 1e-12, "equity after " + m.sessions().get(k));
        }
    }

    @Test
    void should_give_every_figure_of_the_strategy() {
        VariantResult asRun = metrics().asRun();
        ReturnStats r = asRun.returns();
        // equity 1.0119880; mean 0.0010672, sample sd 0.0105745 -> vol x sqrt(252) 0.1678696, Sharpe 1.7034399;
        // downside deviation sqrt(sum min(r,0)^2 / 11) 0.0061891 -> Sortino 2.7372349
        assertEquals(11, r.sessions());
        assertEquals(0.011987990211485888, r.totalReturn(), 1e-12);
        assertEquals(0.3139013509566255, r.annualisedReturn(), 1e-10);
        assertEquals(0.16786962055209934, r.volatility(), 1e-10);
        assertEquals(1.7034399344105629, r.sharpe(), 1e-9);
        assertEquals(2.7372348972570433, r.sortino(), 1e-9);
        // the peak after s8 (1.0212853) falls 1.7749 % at s9; s9, s10, s11 close below it: 3 sessions
        assertEquals(-0.017749481768590147, r.maxDrawdown(), 1e-12);
        assertEquals(3, r.maxDrawdownSessions());
        // gross exposure in sixths 2,5,4,3,2,4,5,2,5,2,0 = 34/6 over 11 sessions; traded 2,3,3,3,5,4,3,5,3,3,2 = 36/6
        // over 11, x 252 a year
        assertEquals(34.0 / 6 / 11, asRun.exposure(), 1e-12);
        assertEquals(36.0 / 6 / 11 * 252, asRun.turnover(), 1e-9);
    }

    @Test
    void should_give_every_figure_of_the_benchmarks_on_the_same_sessions() {
        Map<String, ReturnStats> b = metrics().benchmarks();
        assertEquals(List.of("SPY", BacktestMetrics.EQUAL_WEIGHT_HOLD, "A", "B", "C"), List.copyOf(b.keySet()));
        // SPY: bought at s0's close 300 when the backtest starts deciding (cost 0.1 %), then close to close, s1's gap to
        // 301 included: 303/300 x 0.999, 300/303, ..., 315/318
        ReturnStats spy = b.get("SPY");
        assertEquals(0.999 * 315.0 / 300.0 - 1, spy.totalReturn(), 1e-12);
        assertEquals(5.056527047756202, spy.sharpe(), 1e-9);
        assertEquals(0.22138923996462748, spy.volatility(), 1e-10);
        assertEquals(9.215694167176867, spy.sortino(), 1e-9);
        // the peak at s7's close (315) falls to 309 at s8; s8 and s9 close below it, s10 (318) recovers
        assertEquals(309.0 / 315.0 - 1, spy.maxDrawdown(), 1e-12);
        assertEquals(2, spy.maxDrawdownSessions());
        // one third each, restored at every close: the mean of the three close-to-close returns, A's s3 gap inside its
        // own (104/101), not weighted apart from the move after the open (that would rebalance at the open too)
        //   s1 (0.999 x (1 + (2/100 - 1/50 + 0)/3) - 1) -0.0010000, s2 +0.0118681, s3 +0.0084376, s4 +0.0069256,
        //   s5 -0.0001942, s6 -0.0083900, s7 +0.0119593, s8 +0.0210285, s9 -0.0082458, s10 +0.0060400, s11 -0.0008282
        ReturnStats equal = b.get(BacktestMetrics.EQUAL_WEIGHT_HOLD);
        assertEquals(0.04822063295519041, equal.totalReturn(), 1e-12);
        assertEquals(7.605377032976853, equal.sharpe(), 1e-9);
        assertEquals(-0.008582568302402005, equal.maxDrawdown(), 1e-12);
        assertEquals(3, equal.maxDrawdownSessions());
        // A: 0.999 x 111/100; its s3 gap counts (held overnight); the other tickers open at the previous close
        assertEquals(0.999 * 111.0 / 100.0 - 1, b.get("A").totalReturn(), 1e-12);
        assertEquals(9.837688576081993, b.get("A").sharpe(), 1e-9);
        // B: bought at 50, ends at 47; its peak is s3's close (51, above the starting equity even after the cost)
        assertEquals(0.999 * 47.0 / 50.0 - 1, b.get("B").totalReturn(), 1e-12);
        assertEquals(47.0 / 51.0 - 1, b.get("B").maxDrawdown(), 1e-12);
        assertEquals(8, b.get("B").maxDrawdownSessions());
        assertEquals(0.999 * 22.0 / 20.0 - 1, b.get("C").totalReturn(), 1e-12);
        assertEquals(20.0 / 20.5 - 1, b.get("C").maxDrawdown(), 1e-12);
        assertEquals(101.0 / 102.0 - 1, b.get("A").maxDrawdown(), 1e-12);
    }

    @Test
    void should_score_direction_on_the_sign_with_base_rates_beside_it() {
        // Outcome windows (open of d+1 to close of d+2): 15 up, 4 down, 8 exactly flat (B and C repeat prices).
        // 13 BUY, 9 right; 9 SELL, 1 right (C s4, -2.38 %); 5 HOLD.
        Directional d = metrics().asRun().directional();
        assertEquals(27, d.calls());
        assertEquals(13, d.longs());
        assertEquals(9, d.shorts());
        assertEquals(5, d.flats());
        assertEquals(9.0 / 13, d.longAccuracy().rate(), 1e-12);
        assertEquals(1.0 / 9, d.shortAccuracy().rate(), 1e-12);
        assertEquals(10.0 / 22, d.accuracy().rate(), 1e-12);
        assertEquals(22.0 / 27, d.coverage(), 1e-12);
        assertEquals(15.0 / 27, d.alwaysLong(), 1e-12);
        // (13 x 15/27 + 9 x 4/27) / 22
        assertEquals((13 * 15.0 / 27 + 9 * 4.0 / 27) / 22, d.randomSameMix(), 1e-12);
        // HOLDs: A s3 +0.9615 %, B s4 -4 %, B s8 -4 %, C s0 +2.5 %, C s5 0
        assertEquals((1.0 / 104 + 0.04 + 0.04 + 0.025 + 0.0) / 5, d.flatMeanAbsMove(), 1e-12);
        assertEquals(0.02003176445863941, d.meanAbsMove(), 1e-12);
        assertEquals(d, metrics().agents().get("a"), "the agent voted as the verdicts went");
    }

    @Test
    void should_calibrate_confidence_against_the_sign_and_the_base_rate() {
        // BUY stated 0.85 (9 of 13 right), SELL 0.55 (1 of 9 right), HOLD not scored:
        // Brier (9 x 0.15^2 + 4 x 0.85^2 + 1 x 0.45^2 + 8 x 0.55^2) / 22 = 5.715 / 22; base rate p = 10/22: p(1-p)
        Calibration c = metrics().calibration().get(BacktestMetrics.ENSEMBLE);
        assertEquals(22, c.calls());
        assertEquals(5.715 / 22, c.brier(), 1e-12);
        assertEquals(10.0 / 22 * 12.0 / 22, c.baseRateBrier(), 1e-12);
        assertEquals(13, c.bins().get(8).calls());
        assertEquals(9.0 / 13, c.bins().get(8).hitRate(), 1e-12);
        assertEquals(9, c.bins().get(5).calls());
        assertEquals(1.0 / 9, c.bins().get(5).hitRate(), 1e-12);
        assertNull(c.bins().get(0).hitRate());
    }

    @Test
    void should_measure_every_row_against_the_named_baseline() {
        BacktestMetrics m = metrics();
        assertEquals(BacktestMetrics.EQUAL_WEIGHTS, m.baseline());
        assertNull(m.ablation().get(0).versusBaseline(), "the baseline row has no difference to itself");
        assertEquals("outcome-ema", m.asRun().versusBaseline().baseline(), "as run against its policy without guard and review");
        assertEquals(BacktestMetrics.EQUAL_WEIGHTS, m.ablation().get(1).versusBaseline().baseline());
        assertEquals(3, m.bootstrap().blockLength(), "L = max(H, ceil(11^(1/3))) = max(2, 3)");
    }

    static BacktestMetrics metrics() {
        List<LocalDate> sessions = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            sessions.add(session(t));
        }
        Map<String, List<PriceBar>> bars = new LinkedHashMap<>();
        for (int k = 0; k < NAMES.length; k++) {
            List<PriceBar> list = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                double close = CLOSES[k][t];
                list.add(new PriceBar(session(t), open(k, t), close, close, close, close, 1000, 0.0));
            }
            bars.put(NAMES[k], list);
        }
        List<ResolvedDecision> decisions = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            String[] verdicts = VERDICTS[k].split(" ");
            for (int d = 0; d < verdicts.length; d++) {
                Verdict v = Verdict.valueOf(verdicts[d]);
                double r = CLOSES[k][d + 2] / open(k, d + 1) - 1.0;
                double confidence = v == Verdict.BUY ? 0.85 : v == Verdict.SELL ? 0.55 : 0.3;
                Direction direction = OutcomeRules.directionOf(v);
                decisions.add(new ResolvedDecision(NAMES[k], session(d), v, confidence, 0.0, null,
                        List.of(new RecordedVote("a", direction, confidence, 1.0)), session(d + 2), r, null));
            }
        }
        return BacktestMetrics.compute(decisions, new BacktestMetrics.Settings(new OutcomeRules(2, 0.005, "SPY"),
                new StrategyRules(2, 6.0, 4.0), 1, 0.25, "outcome-ema",
                new EnsembleGuard(0.5), new RiskReview("risk", 0.6), Pooling.STATED), new DailyPrices(sessions, bars));
    }

    private static double open(int k, int t) {
        if (k == 0 && t == 3) {
            return 103;
        }
        if (k == 3 && t == 1) {
            return 301;
        }
        return t == 0 ? CLOSES[k][0] : CLOSES[k][t - 1];
    }

    private static LocalDate session(int t) {
        return S0.plusDays(t);
    }
}
