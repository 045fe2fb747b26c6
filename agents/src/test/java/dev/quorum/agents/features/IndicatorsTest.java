package dev.quorum.agents.features;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Indicator maths against values computed by hand (small periods keep the arithmetic checkable). */
class IndicatorsTest {

    private static final double EPS = 1e-12;

    @Test
    void should_average_the_last_values_and_need_enough_of_them() {
        assertEquals(3.0, MovingAverages.sma(new double[]{1, 2, 3, 4}, 3).getAsDouble(), EPS);
        assertTrue(MovingAverages.sma(new double[]{1, 2}, 3).isEmpty());
    }

    @Test
    void should_seed_the_ema_with_the_simple_mean() {
        double[] ema = MovingAverages.emaSeries(new double[]{1, 2, 3, 4}, 2);
        assertTrue(Double.isNaN(ema[0]));
        assertEquals(1.5, ema[1], EPS);
        assertEquals(2.5, ema[2], EPS); // 2/3 * 3 + 1/3 * 1.5
        assertEquals(3.5, ema[3], EPS); // 2/3 * 4 + 1/3 * 2.5
    }

    @Test
    void should_compute_wilder_rsi() {
        // changes +1 -0.5 +1 | -0.5 +1; seed gain 2/3 loss 1/6; then 4/9 & 5/18; then 17/27 & 5/27: RS 3.4
        double rsi = Momentum.rsi(new double[]{10, 11, 10.5, 11.5, 11, 12}, 3).getAsDouble();
        assertEquals(100 - 100 / 4.4, rsi, 1e-9);
        assertEquals(100.0, Momentum.rsi(new double[]{1, 2, 3, 4}, 3).getAsDouble(), EPS);
        assertEquals(50.0, Momentum.rsi(new double[]{2, 2, 2, 2}, 3).getAsDouble(), EPS);
        assertTrue(Momentum.rsi(new double[]{1, 2, 3}, 3).isEmpty());
    }

    @Test
    void should_compute_macd_line_signal_and_histogram() {
        // EMA2: 11, 11, 37/3, 121/9 ; EMA3: 11, 12, 13 ; line 0, 1/3, 4/9 ; signal EMA2: 1/6, 19/54
        Momentum.Macd macd = Momentum.macd(new double[]{10, 12, 11, 13, 14}, 2, 3, 2).orElseThrow();
        assertEquals(4.0 / 9, macd.line(), EPS);
        assertEquals(19.0 / 54, macd.signal(), EPS);
        assertEquals(5.0 / 54, macd.histogram(), EPS);
        assertTrue(Momentum.macd(new double[]{10, 12, 11}, 2, 3, 2).isEmpty());
    }

    @Test
    void should_compute_total_return_over_sessions() {
        assertEquals(0.1, Momentum.totalReturn(new double[]{100, 105, 110}, 2).getAsDouble(), EPS);
        assertTrue(Momentum.totalReturn(new double[]{100, 105}, 2).isEmpty());
    }

    @Test
    void should_place_the_close_within_the_bollinger_bands() {
        // mean 2.5, population sd sqrt(1.25): %B = (4 - (2.5 - 2 sd)) / (4 sd)
        double sd = Math.sqrt(1.25);
        assertEquals((1.5 + 2 * sd) / (4 * sd),
                Volatility.bollingerPercentB(new double[]{1, 2, 3, 4}, 4, 2).getAsDouble(), EPS);
        assertTrue(Volatility.bollingerPercentB(new double[]{5, 5, 5, 5}, 4, 2).isEmpty(), "flat closes have no bands");
    }

    @Test
    void should_compute_wilder_average_true_range() {
        // TR: 2.5 (gap from 9.5), 2, 3 ; seed (2.5 + 2) / 2 = 2.25 ; then (2.25 + 3) / 2
        double atr = Volatility.averageTrueRange(new double[]{10, 12, 11, 13}, new double[]{9, 10, 9, 11},
                new double[]{9.5, 11, 10, 12}, 2).getAsDouble();
        assertEquals(2.625, atr, EPS);
    }

    @Test
    void should_annualise_the_sample_volatility_of_log_returns() {
        double r1 = Math.log(1.1);
        double r2 = Math.log(0.9);
        double expected = Math.abs(r1 - r2) / Math.sqrt(2) * Math.sqrt(252);
        assertEquals(expected, Volatility.realizedVolatility(new double[]{100, 110, 99}, 2).getAsDouble(), EPS);
    }

    @Test
    void should_find_the_worst_drawdown_within_the_window_only() {
        double[] prices = {100, 120, 90, 110, 80};
        assertEquals(80.0 / 120 - 1, Volatility.maxDrawdown(prices, 4).getAsDouble(), EPS);
        assertEquals(80.0 / 110 - 1, Volatility.maxDrawdown(prices, 2).getAsDouble(), EPS);
        assertEquals(0.0, Volatility.maxDrawdown(new double[]{1, 2, 3}, 3).getAsDouble(), EPS);
    }

    @Test
    void should_score_the_last_value_against_the_previous_ones() {
        assertEquals(8.0, Volatility.zScoreOfLast(new double[]{1, 2, 3, 10}, 3).getAsDouble(), EPS);
        assertTrue(Volatility.zScoreOfLast(new double[]{4, 4, 4, 10}, 3).isEmpty());
    }

    @Test
    void should_compute_beta_and_correlation() {
        double[] index = {0.01, -0.005, 0.015, 0.002};
        double[] twiceTheIndex = {0.02, -0.01, 0.03, 0.004};
        CoMovement.BetaCorrelation same = CoMovement.against(twiceTheIndex, index).orElseThrow();
        assertEquals(2.0, same.beta(), 1e-9);
        assertEquals(1.0, same.correlation(), 1e-9);

        // stock = -0.5 * index + noise-free offset: beta -0.5, correlation -1
        double[] hedge = {-0.004, 0.0035, -0.0065, 0.0};
        CoMovement.BetaCorrelation opposite = CoMovement.against(hedge, index).orElseThrow();
        assertEquals(-0.5, opposite.beta(), 1e-9);
        assertEquals(-1.0, opposite.correlation(), 1e-9);
    }

    @Test
    void should_classify_the_regime_with_the_documented_thresholds() {
        assertEquals(MarketRegime.HIGH_VOLATILITY, MarketRegime.classify(31, 500, 490, 450));
        assertEquals(MarketRegime.BULL, MarketRegime.classify(19.9, 500, 490, 450));
        assertEquals(MarketRegime.SIDEWAYS, MarketRegime.classify(22, 500, 490, 450), "uptrend with elevated VIX");
        assertEquals(MarketRegime.BEAR, MarketRegime.classify(25, 400, 420, 450));
        assertEquals(MarketRegime.SIDEWAYS, MarketRegime.classify(15, 460, 440, 450), "mixed trend");
        assertEquals(MarketRegime.BEAR, MarketRegime.fromLabel("bear"));
    }
}
