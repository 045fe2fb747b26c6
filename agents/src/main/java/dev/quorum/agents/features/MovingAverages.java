package dev.quorum.agents.features;

import java.util.Arrays;
import java.util.OptionalDouble;

/** Simple and exponential moving averages over a series ordered oldest first (last value = trade date). */
final class MovingAverages {

    private MovingAverages() {
    }

    /** Mean of the last {@code period} values; empty when there are fewer. */
    static OptionalDouble sma(double[] values, int period) {
        if (values.length < period) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        for (int i = values.length - period; i < values.length; i++) {
            sum += values[i];
        }
        return OptionalDouble.of(sum / period);
    }

    /**
     * The EMA at every index from {@code period - 1} on (earlier entries are NaN): seeded with the simple mean
     * of the first {@code period} values, then {@code ema = a * value + (1 - a) * ema} with {@code a = 2/(period+1)}.
     * Callers only read entries at or after {@code period - 1}.
     */
    static double[] emaSeries(double[] values, int period) {
        double[] ema = new double[values.length];
        Arrays.fill(ema, Double.NaN);
        if (values.length < period) {
            return ema;
        }
        double seed = 0;
        for (int i = 0; i < period; i++) {
            seed += values[i];
        }
        ema[period - 1] = seed / period;
        double alpha = 2.0 / (period + 1);
        for (int i = period; i < values.length; i++) {
            ema[i] = alpha * values[i] + (1 - alpha) * ema[i - 1];
        }
        return ema;
    }
}
