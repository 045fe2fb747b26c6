package dev.quorum.orchestrator.backtest.metrics;

/**
 * Risk and return of a series of daily returns. Conventions: 252 sessions a year, risk-free rate 0;
 * volatility = sample standard deviation x sqrt(252); Sharpe = mean / sample standard deviation x sqrt(252);
 * Sortino = mean / downside deviation x sqrt(252), the downside deviation being sqrt(mean(min(r, 0)^2)) over all
 * sessions; annualised return = equity^(252/n) - 1; max drawdown = the worst fall of equity from its running peak
 * (a fraction <= 0); its duration = the longest run of sessions closing below an earlier peak (the starting equity
 * of 1 counts as a peak; a drawdown not recovered by the end runs to the end).
 *
 * @param sharpe  null when the returns do not vary
 * @param sortino null when no session lost money
 */
public record ReturnStats(int sessions, double totalReturn, double annualisedReturn, double volatility, Double sharpe,
                          Double sortino, double maxDrawdown, int maxDrawdownSessions) {

    public static final int SESSIONS_PER_YEAR = 252;

    public static ReturnStats of(double[] returns) {
        int n = returns.length;
        if (n == 0) {
            return new ReturnStats(0, 0.0, 0.0, 0.0, null, null, 0.0, 0);
        }
        double equity = 1.0;
        double peak = 1.0;
        double maxDrawdown = 0.0;
        int underwater = 0;
        int longestUnderwater = 0;
        double sum = 0.0;
        double downsideSquares = 0.0;
        for (double r : returns) {
            equity *= 1.0 + r;
            if (equity >= peak) {
                peak = equity;
                underwater = 0;
            } else {
                underwater++;
                longestUnderwater = Math.max(longestUnderwater, underwater);
            }
            maxDrawdown = Math.min(maxDrawdown, equity / peak - 1.0);
            sum += r;
            double down = Math.min(r, 0.0);
            downsideSquares += down * down;
        }
        double mean = sum / n;
        double squares = 0.0;
        for (double r : returns) {
            squares += (r - mean) * (r - mean);
        }
        double sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0.0;
        double downside = Math.sqrt(downsideSquares / n);
        double annualFactor = Math.sqrt(SESSIONS_PER_YEAR);
        Double sharpe = sd > 1e-15 ? mean / sd * annualFactor : null;
        Double sortino = downside > 1e-15 ? mean / downside * annualFactor : null;
        double annualised = equity > 0 ? Math.pow(equity, (double) SESSIONS_PER_YEAR / n) - 1.0 : -1.0;
        return new ReturnStats(n, equity - 1.0, annualised, sd * annualFactor, sharpe, sortino, maxDrawdown, longestUnderwater);
    }
}
