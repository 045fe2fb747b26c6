package dev.quorum.orchestrator.backtest.metrics;

/**
 * The decisions under one way of reaching verdicts, traded with the position model of {@link StrategyRules}.
 *
 * @param weighting      how the votes were weighed: a trust policy's name, "equal", the run's policy with "+veto" (the
 *                       as-run row: the meta-learner's veto as the cycle gated it), or the meta-learner's prediction alone
 * @param guard          whether the ensemble guard was applied (it vetoes a verdict against a strong score)
 * @param review         whether the risk review was applied (it downgrades a verdict its risk agent opposes)
 * @param exposure       mean gross exposure of the book (1 fully invested)
 * @param turnover       traded fraction of equity per year: the sum over sessions of |net weight change| summed over
 *                       the tickers, times 252 / sessions (buys and sells both counted; half of it is one-way turnover)
 * @param versusBaseline the annualised mean daily return minus the named baseline row's, with its block-bootstrap
 *                       95 % interval (null for the baseline itself)
 */
public record VariantResult(String name, String weighting, boolean guard, boolean review, Directional directional,
                            ReturnStats returns, double exposure, double turnover, BlockBootstrap.Difference versusBaseline) {
}
