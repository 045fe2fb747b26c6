package dev.quorum.memory.trust;

import dev.quorum.envelope.Direction;

/**
 * {@code win-rate} (seed 000): {@code weight = 0.5 + win rate}, so 0.5 for an agent that never won and 1.5 for
 * one that always did. Only directional calls are trades (a NEUTRAL call proposes none): a NEUTRAL call leaves
 * the weight where it was, and so does every call before the agent's first directional one.
 */
public final class WinRatePolicy implements TrustPolicy {

    @Override
    public String name() {
        return "win-rate";
    }

    @Override
    public double nextWeight(double currentWeight, ScoredCall call, AgentPerformance performance, AgentSkill skill) {
        if (performance.winRate().isEmpty() || call.signal() == Direction.NEUTRAL) {
            return currentWeight;
        }
        return TrustPolicy.clip(0.5 + performance.winRate().getAsDouble());
    }

    /** 0.5 + the win rate of every directional call so far. */
    @Override
    public boolean weighsTheWholeRecord() {
        return true;
    }

    /** A win or a loss as seed 000 counts it ({@link ScoredCall#isWin()}: the sign), not the epsilon band. */
    @Override
    public String judged(ScoredCall call) {
        return call.signal() == Direction.NEUTRAL ? "not scored (no trade)" : call.isWin() ? "a win" : "a loss";
    }
}
