package dev.quorum.orchestrator.backtest.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Whether a difference between two things measured on the same cases is more than noise: a seeded circular
 * moving-block bootstrap. Each resample draws ceil(n / L) blocks of L consecutive cases (wrapping at the end) at
 * random starts and trims to n; the statistic is recomputed on the resampled indices, paired (both sides see the
 * same cases). The interval is the 2.5th and 97.5th percentiles of the resampled statistic. Blocks keep the serial
 * dependence of overlapping H-session outcomes inside a block, so L is at least the horizon:
 * L = max(H, ceil(n^(1/3))). The same seed gives the same interval.
 *
 * @param blockLength L, in cases (sessions, or decisions in trade-date order)
 * @param resamples   how many resamples
 */
public record BlockBootstrap(int blockLength, int resamples, long seed) {

    public static final int RESAMPLES = 2000;
    public static final long SEED = 13L;

    public BlockBootstrap {
        if (blockLength < 1 || resamples < 100) {
            throw new IllegalArgumentException("block length " + blockLength + " and resamples " + resamples
                    + ": need at least 1 and 100");
        }
    }

    /** The documented choice for n cases whose outcomes span {@code horizon} cases. */
    public static BlockBootstrap forHorizon(int horizon, int n) {
        return new BlockBootstrap(Math.max(horizon, (int) Math.ceil(Math.cbrt(Math.max(n, 1)))), RESAMPLES, SEED);
    }

    /**
     * @param baseline  what the difference is measured against, named for the reader
     * @param n         the number of cases
     * @param statistic candidate minus baseline on the cases at the given indices (NaN when undefined there; such
     *                  resamples are left out)
     */
    public Difference interval(String baseline, int n, ToDoubleFunction<int[]> statistic) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        double estimate = statistic.applyAsDouble(all);
        if (n < 2 || Double.isNaN(estimate)) {
            return new Difference(baseline, Double.isNaN(estimate) ? null : estimate, null, null);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int kept = 0;
        int[] indices = new int[n];
        for (int b = 0; b < resamples; b++) {
            for (int filled = 0; filled < n; ) {
                int start = random.nextInt(n);
                for (int j = 0; j < blockLength && filled < n; j++) {
                    indices[filled++] = (start + j) % n;
                }
            }
            double v = statistic.applyAsDouble(indices);
            if (!Double.isNaN(v)) {
                values[kept++] = v;
            }
        }
        if (kept == 0) {
            return new Difference(baseline, estimate, null, null);
        }
        double[] sorted = Arrays.copyOf(values, kept);
        Arrays.sort(sorted);
        return new Difference(baseline, estimate, sorted[(int) Math.floor(0.025 * (kept - 1))],
                sorted[(int) Math.ceil(0.975 * (kept - 1))]);
    }

    /** The annualised mean daily return of {@code candidate} minus {@code baseline}'s, paired by session. */
    public Difference annualReturnDifference(String baseline, double[] candidate, double[] base) {
        if (candidate.length != base.length) {
            throw new IllegalArgumentException("the two return series cover different sessions");
        }
        return interval(baseline, candidate.length, idx -> {
            double sum = 0.0;
            for (int i : idx) {
                sum += candidate[i] - base[i];
            }
            return sum / idx.length * ReturnStats.SESSIONS_PER_YEAR;
        });
    }

    /**
     * A difference with its 95 % interval.
     *
     * @param estimate on the cases as they were (null when undefined)
     * @param lower    null when it could not be resampled (fewer than two cases)
     */
    public record Difference(String baseline, Double estimate, Double lower, Double upper) {

        /** The interval excludes 0. */
        public boolean significant() {
            return lower != null && (lower > 0 || upper < 0);
        }
    }
}
