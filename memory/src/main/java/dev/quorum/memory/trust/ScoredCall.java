package dev.quorum.memory.trust;

import dev.quorum.envelope.Direction;

import java.util.Objects;

/**
 * One agent's call on a decision, scored against what the market did. The evidence every trust policy learns from.
 *
 * @param realizedReturn      the decision's realised return (a fraction, e.g. 0.021)
 * @param correct             BULLISH and the return beat +epsilon, BEARISH and it fell below -epsilon, or NEUTRAL and
 *                            it stayed inside [-epsilon, +epsilon]
 * @param profitContribution  what following the call earned: +return for BULLISH, -return for BEARISH, 0 for NEUTRAL
 * @param agreedWithVerdict   the call pointed where the panel's verdict did (BULLISH for BUY, BEARISH for SELL,
 *                            NEUTRAL for HOLD)
 */
public record ScoredCall(String agent, Direction signal, double confidence, double realizedReturn, boolean correct,
                         double profitContribution, boolean agreedWithVerdict) {

    public ScoredCall {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(signal, "signal");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence + " (agent " + agent + ")");
        }
        if (!Double.isFinite(realizedReturn) || !Double.isFinite(profitContribution)) {
            throw new IllegalArgumentException("return and profit contribution must be finite (agent " + agent + ")");
        }
    }

    /** A directional call (BULLISH or BEARISH) that made money: seed 000 counts it as a win, any other directional call as a loss. */
    public boolean isWin() {
        return signal != Direction.NEUTRAL && profitContribution > 0;
    }
}
