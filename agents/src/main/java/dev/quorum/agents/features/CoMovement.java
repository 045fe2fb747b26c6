package dev.quorum.agents.features;

import java.util.Optional;

/** How a stock's daily returns move with a benchmark's over the same sessions. */
final class CoMovement {

    private CoMovement() {
    }

    /** Beta (cov / benchmark variance) and Pearson correlation, both from sample moments. */
    record BetaCorrelation(double beta, double correlation) {
    }

    /**
     * @param stockReturns     daily returns, aligned session by session with {@code benchmarkReturns}
     * @return empty when there are fewer than 2 pairs or either series has no variance
     */
    static Optional<BetaCorrelation> against(double[] stockReturns, double[] benchmarkReturns) {
        int n = stockReturns.length;
        if (n != benchmarkReturns.length) {
            throw new IllegalArgumentException("return series must be aligned: " + n + " vs " + benchmarkReturns.length);
        }
        if (n < 2) {
            return Optional.empty();
        }
        double meanStock = Volatility.mean(stockReturns);
        double meanBenchmark = Volatility.mean(benchmarkReturns);
        double covariance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (stockReturns[i] - meanStock) * (benchmarkReturns[i] - meanBenchmark);
        }
        double varianceStock = Volatility.sumOfSquaredDeviations(stockReturns, meanStock);
        double varianceBenchmark = Volatility.sumOfSquaredDeviations(benchmarkReturns, meanBenchmark);
        if (varianceStock == 0 || varianceBenchmark == 0) {
            return Optional.empty();
        }
        // the (n - 1) denominators cancel in both ratios
        return Optional.of(new BetaCorrelation(covariance / varianceBenchmark,
                covariance / Math.sqrt(varianceStock * varianceBenchmark)));
    }
}
