package dev.quorum.orchestrator.backtest.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * How well stated confidence matches realised accuracy: ten equal-width confidence bins and the Brier score
 * mean((confidence - hit)^2), hit being 1 for a correct call and 0 otherwise (0 is perfect, 0.25 is a coin at 0.5).
 * The backtest feeds it the long and short calls, right when they got the sign of the return right.
 *
 * @param baseRateBrier the Brier score of the forecast that needs no skill: every call stated at the overall hit
 *                      share p, which scores p x (1 - p); a confidence worth reading scores below it
 */
public record Calibration(List<Bin> bins, Double brier, Double baseRateBrier, long calls) {

    public static final int BINS = 10;

    /** @param meanConfidence null and hitRate null when the bin is empty */
    public record Bin(double lower, double upper, long calls, Double meanConfidence, Double hitRate) {
    }

    /** One call: its confidence and whether it was right. */
    public record Call(double confidence, boolean hit) {
    }

    public static Calibration of(List<Call> calls) {
        long[] count = new long[BINS];
        double[] confidence = new double[BINS];
        long[] hits = new long[BINS];
        double brier = 0.0;
        long hitsTotal = 0;
        for (Call call : calls) {
            int bin = Math.min(BINS - 1, (int) Math.floor(call.confidence() * BINS));
            count[bin]++;
            confidence[bin] += call.confidence();
            hits[bin] += call.hit() ? 1 : 0;
            hitsTotal += call.hit() ? 1 : 0;
            double error = call.confidence() - (call.hit() ? 1.0 : 0.0);
            brier += error * error;
        }
        List<Bin> bins = new ArrayList<>();
        for (int i = 0; i < BINS; i++) {
            bins.add(new Bin((double) i / BINS, (double) (i + 1) / BINS, count[i],
                    count[i] == 0 ? null : confidence[i] / count[i], count[i] == 0 ? null : (double) hits[i] / count[i]));
        }
        if (calls.isEmpty()) {
            return new Calibration(bins, null, null, 0);
        }
        double p = (double) hitsTotal / calls.size();
        return new Calibration(bins, brier / calls.size(), p * (1.0 - p), calls.size());
    }
}
