package dev.quorum.memory.trust;

/** {@code equal}: every agent weighs 1.0 whatever happens; the baseline for ablations of the learned policies. */
public final class EqualWeightPolicy implements TrustPolicy {

    @Override
    public String name() {
        return "equal";
    }

    @Override
    public double nextWeight(double currentWeight, ScoredCall call, AgentPerformance performance, AgentSkill skill) {
        return DEFAULT_WEIGHT;
    }
}
