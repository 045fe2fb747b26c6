package dev.quorum.orchestrator.backtest.metrics;

/**
 * Hits out of calls with a 95 % Wilson score interval (it stays inside [0, 1] and is honest for small counts,
 * unlike the normal approximation).
 *
 * @param rate  hits / total, or null when there was no call
 * @param lower the interval's lower bound, or null when there was no call
 */
public record HitRate(long hits, long total, Double rate, Double lower, Double upper) {

    static final double Z_95 = 1.959963984540054;

    public static HitRate of(long hits, long total) {
        if (hits < 0 || total < 0 || hits > total) {
            throw new IllegalArgumentException("hits " + hits + " of " + total + " calls");
        }
        if (total == 0) {
            return new HitRate(0, 0, null, null, null);
        }
        double n = total;
        double p = hits / n;
        double z2 = Z_95 * Z_95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z_95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new HitRate(hits, total, p, Math.max(0.0, centre - half), Math.min(1.0, centre + half));
    }
}
