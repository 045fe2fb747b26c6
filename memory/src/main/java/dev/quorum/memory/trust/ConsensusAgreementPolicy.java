package dev.quorum.memory.trust;

/**
 * {@code consensus-agreement} (seed 003's trust memory): +0.05 when the agent's call agreed with the panel's
 * verdict, -0.03 when it did not, within [0.1, 2.0]. It rewards agreement, not being right: the seed's
 * "weak models learn from strong models" (it also rewards herding; {@code correctness-step} is the reading of the
 * same step that rewards being right). It is applied when the decision's outcome is recorded, like every
 * policy, so all policies share one update path and one event history.
 */
public final class ConsensusAgreementPolicy implements TrustPolicy {

    static final double REWARD = 0.05;
    static final double PENALTY = 0.03;

    @Override
    public String name() {
        return "consensus-agreement";
    }

    @Override
    public double nextWeight(double currentWeight, ScoredCall call, AgentPerformance performance, AgentSkill skill) {
        return TrustPolicy.clip(call.agreedWithVerdict() ? currentWeight + REWARD : currentWeight - PENALTY);
    }

    /** It rewards agreement, whatever the market did. */
    @Override
    public String judged(ScoredCall call) {
        return call.agreedWithVerdict() ? "agreed with the verdict" : "against the verdict";
    }
}
