package dev.quorum.orchestrator.backtest.metrics;

/**
 * The decisions under one way of reaching verdicts, traded with the position model of {@link StrategyRules}.
 *
 * @param weighting      how the votes were weighed: a trust policy's name, "equal", "as run (policy)", or the
 *                       meta-learner's prediction alone
 * @param guard          whether the ensemble guard was applied (it vetoes a verdict against a strong score)
 * @param review         whether the risk review was applied (it downgrades a verdict its risk agent opposes)
 * @param exposure       mean gross exposure of the book (1 fully invested)
 * @param turnover       one-sided traded fraction of equity per year
 * @param versusBaseline the annualised mean daily return minus the named baseline row's, with its block-bootstrap
 *                       95 % interval (null for the baseline itself)
 */
public record VariantResult(String name, String weighting, boolean guard, boolean review, Directional directional,
                            ReturnStats returns, double exposure, double turnover, BlockBootstrap.Difference versusBaseline) {
}
