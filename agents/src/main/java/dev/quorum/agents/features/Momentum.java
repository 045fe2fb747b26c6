package dev.quorum.agents.features;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

/** Momentum oscillators over closes ordered oldest first (last value = trade date). */
final class Momentum {

    private Momentum() {
    }

    /** MACD line, its signal line and the histogram (line - signal) at the trade date. */
    record Macd(double line, double signal, double histogram) {
    }

    /**
     * Wilder's RSI: the first average gain/loss is the simple mean of the first {@code period} changes, then
     * {@code avg = (avg * (period - 1) + current) / period}. 100 when there was no loss, 50 when flat.
     * Needs {@code period + 1} closes.
     */
    static OptionalDouble rsi(double[] closes, int period) {
        if (closes.length < period + 1) {
            return OptionalDouble.empty();
        }
        double avgGain = 0;
        double avgLoss = 0;
        for (int i = 1; i <= period; i++) {
            double change = closes[i] - closes[i - 1];
            avgGain += Math.max(change, 0);
            avgLoss += Math.max(-change, 0);
        }
        avgGain /= period;
        avgLoss /= period;
        for (int i = period + 1; i < closes.length; i++) {
            double change = closes[i] - closes[i - 1];
            avgGain = (avgGain * (period - 1) + Math.max(change, 0)) / period;
            avgLoss = (avgLoss * (period - 1) + Math.max(-change, 0)) / period;
        }
        if (avgLoss == 0) {
            return OptionalDouble.of(avgGain == 0 ? 50.0 : 100.0);
        }
        return OptionalDouble.of(100.0 - 100.0 / (1.0 + avgGain / avgLoss));
    }

    /**
     * MACD: EMA(fast) - EMA(slow) of the closes from the first index where the slow EMA exists, and an EMA
     * of that line over {@code signalPeriod} (see {@link MovingAverages#emaSeries}). Needs
     * {@code slow + signalPeriod - 1} closes.
     */
    static Optional<Macd> macd(double[] closes, int fast, int slow, int signalPeriod) {
        if (closes.length < slow + signalPeriod - 1) {
            return Optional.empty();
        }
        double[] fastEma = MovingAverages.emaSeries(closes, fast);
        double[] slowEma = MovingAverages.emaSeries(closes, slow);
        double[] line = new double[closes.length - (slow - 1)];
        for (int i = 0; i < line.length; i++) {
            line[i] = fastEma[i + slow - 1] - slowEma[i + slow - 1];
        }
        double[] signal = MovingAverages.emaSeries(line, signalPeriod);
        double last = line[line.length - 1];
        double lastSignal = signal[signal.length - 1];
        return Optional.of(new Macd(last, lastSignal, last - lastSignal));
    }

    /** last / value {@code sessions} earlier - 1; needs {@code sessions + 1} values. */
    static OptionalDouble totalReturn(double[] values, int sessions) {
        if (values.length < sessions + 1) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(values[values.length - 1] / values[values.length - 1 - sessions] - 1);
    }

    /** The last {@code count} values (all of them when there are fewer). */
    static double[] tail(double[] values, int count) {
        return Arrays.copyOfRange(values, Math.max(0, values.length - count), values.length);
    }
}
