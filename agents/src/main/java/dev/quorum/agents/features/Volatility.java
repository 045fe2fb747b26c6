package dev.quorum.agents.features;

import java.util.Arrays;
import java.util.OptionalDouble;

/** Volatility and dispersion measures over series ordered oldest first (last value = trade date). */
final class Volatility {

    static final int TRADING_DAYS_PER_YEAR = 252;

    private Volatility() {
    }

    /**
     * Bollinger %B: (close - lower) / (upper - lower) with bands at SMA(period) +- width * population standard
     * deviation of the last {@code period} closes. Empty when the closes were flat (no band).
     */
    static OptionalDouble bollingerPercentB(double[] closes, int period, double width) {
        if (closes.length < period) {
            return OptionalDouble.empty();
        }
        double[] window = Momentum.tail(closes, period);
        double mean = mean(window);
        double sd = Math.sqrt(sumOfSquaredDeviations(window, mean) / period);
        if (sd == 0) {
            return OptionalDouble.empty();
        }
        double lower = mean - width * sd;
        return OptionalDouble.of((closes[closes.length - 1] - lower) / (2 * width * sd));
    }

    /**
     * Wilder's average true range at the trade date. True range = max(high - low, |high - previous close|,
     * |low - previous close|); the first ATR is the mean of the first {@code period} true ranges, then
     * {@code atr = (atr * (period - 1) + tr) / period}. Needs {@code period + 1} bars.
     */
    static OptionalDouble averageTrueRange(double[] highs, double[] lows, double[] closes, int period) {
        int n = closes.length;
        if (n < period + 1) {
            return OptionalDouble.empty();
        }
        double atr = 0;
        for (int i = 1; i <= period; i++) {
            atr += trueRange(highs[i], lows[i], closes[i - 1]);
        }
        atr /= period;
        for (int i = period + 1; i < n; i++) {
            atr = (atr * (period - 1) + trueRange(highs[i], lows[i], closes[i - 1])) / period;
        }
        return OptionalDouble.of(atr);
    }

    private static double trueRange(double high, double low, double previousClose) {
        return Math.max(high - low, Math.max(Math.abs(high - previousClose), Math.abs(low - previousClose)));
    }

    /** Sample standard deviation of the last {@code sessions} daily log returns, annualised with sqrt(252). */
    static OptionalDouble realizedVolatility(double[] prices, int sessions) {
        if (prices.length < sessions + 1) {
            return OptionalDouble.empty();
        }
        double[] returns = new double[sessions];
        int start = prices.length - sessions;
        for (int i = 0; i < sessions; i++) {
            returns[i] = Math.log(prices[start + i] / prices[start + i - 1]);
        }
        double sd = Math.sqrt(sumOfSquaredDeviations(returns, mean(returns)) / (sessions - 1));
        return OptionalDouble.of(sd * Math.sqrt(TRADING_DAYS_PER_YEAR));
    }

    /** The worst fall from a running peak within the last {@code sessions} prices; 0 when it never fell. */
    static OptionalDouble maxDrawdown(double[] prices, int sessions) {
        if (prices.length < sessions) {
            return OptionalDouble.empty();
        }
        double peak = Double.NEGATIVE_INFINITY;
        double worst = 0;
        for (int i = prices.length - sessions; i < prices.length; i++) {
            peak = Math.max(peak, prices[i]);
            worst = Math.min(worst, prices[i] / peak - 1);
        }
        return OptionalDouble.of(worst);
    }

    /**
     * How unusual the last value is against the {@code sessions} values before it: (last - mean) / sample
     * standard deviation. Empty when the baseline has no dispersion.
     */
    static OptionalDouble zScoreOfLast(double[] values, int sessions) {
        if (values.length < sessions + 1) {
            return OptionalDouble.empty();
        }
        double[] baseline = Arrays.copyOfRange(values, values.length - 1 - sessions, values.length - 1);
        double mean = mean(baseline);
        double sd = Math.sqrt(sumOfSquaredDeviations(baseline, mean) / (sessions - 1));
        if (sd == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((values[values.length - 1] - mean) / sd);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double sumOfSquaredDeviations(double[] values, double mean) {
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum;
    }
}
