package dev.quorum.orchestrator.promptlab;

import dev.quorum.orchestrator.backtest.metrics.Calibration;
import dev.quorum.orchestrator.backtest.metrics.HitRate;

/**
 * How one prompt did on the evaluation cases.
 *
 * @param validRate         cases answered with a valid signal by the model (not an abstention, not the rules)
 * @param hitRate           valid signals right about the realised outcome (resolved cases only)
 * @param calibration       confidence against hits on the resolved valid signals
 * @param meanLatencyMillis mean wall time of a case
 * @param meanTokens        mean prompt + completion tokens of a case
 */
public record PromptScore(String prompt, String promptHash, int cases, int valid, double validRate, HitRate hitRate,
                          Calibration calibration, double meanLatencyMillis, double meanTokens) {
}
