package dev.quorum.orchestrator.promptlab;

import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.orchestrator.backtest.metrics.Calibration;
import dev.quorum.orchestrator.backtest.metrics.HitRate;

import java.util.SortedMap;

/**
 * How one prompt did on the evaluation cases.
 *
 * @param validRate         cases answered with a valid signal by the model (not an abstention, not the rules)
 * @param accuracy          valid BULLISH and BEARISH signals that got the sign of the realised return right (resolved
 *                          cases only; NEUTRAL is not a directional call)
 * @param calibration       confidence against getting the sign right, on those same signals
 * @param meanLatencyMillis mean wall time of a case
 * @param meanTokens        mean prompt + completion tokens of a case
 * @param abstentions       the cases without a valid signal, by why (MODEL: the model's output was invalid; NETWORK,
 *                          BUDGET, LOGIC: no model could be asked)
 * @param commonReason      the most frequent abstention reason, empty when there was none
 */
public record PromptScore(String prompt, String promptHash, int cases, int valid, double validRate, HitRate accuracy,
                          Calibration calibration, double meanLatencyMillis, double meanTokens,
                          SortedMap<ErrorCategory, Integer> abstentions, String commonReason) {
}
