package dev.quorum.memory.trust;

/**
 * {@code outcome-ema} (seed 001's rule): {@code update = 1 + conf x profit x 5} when the call was right,
 * {@code 1 - conf x profit x 5} when it was wrong; {@code new = 0.1 x update + 0.9 x old}, clipped to [0.1, 2.0].
 *
 * <p>"profit" is the magnitude of the realised return as a fraction ({@code |0.05|} for 5 %). The seed is silent
 * on its sign and unit; with a signed return a wrong call on a losing trade would gain weight, and a dollar
 * amount would make the step depend on the position size, so the magnitude of the fractional return it is.
 */
public final class OutcomeEmaPolicy implements TrustPolicy {

    static final double SMOOTHING = 0.1;
    static final double GAIN = 5.0;

    @Override
    public String name() {
        return "outcome-ema";
    }

    @Override
    public double nextWeight(double currentWeight, ScoredCall call, AgentPerformance performance, AgentSkill skill) {
        double step = call.confidence() * Math.abs(call.realizedReturn()) * GAIN;
        double update = call.correct() ? 1.0 + step : 1.0 - step;
        return TrustPolicy.clip(SMOOTHING * update + (1.0 - SMOOTHING) * currentWeight);
    }
}
