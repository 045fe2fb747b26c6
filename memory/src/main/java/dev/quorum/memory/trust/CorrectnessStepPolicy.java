package dev.quorum.memory.trust;

/**
 * {@code correctness-step}: seed 003's step read the other way, +0.05 when the agent's call was right (see
 * {@link ScoredCall#correct()}), -0.03 when it was wrong, within [0.1, 2.0]. The seed's text can be read as
 * rewarding agreement with the verdict ({@code consensus-agreement}) or being right (this policy); both are kept.
 */
public final class CorrectnessStepPolicy implements TrustPolicy {

    @Override
    public String name() {
        return "correctness-step";
    }

    @Override
    public double nextWeight(double currentWeight, ScoredCall call, AgentPerformance performance, AgentSkill skill) {
        // Seed 003's step, the same as consensus-agreement's; only what earns it differs.
        return TrustPolicy.clip(call.correct() ? currentWeight + ConsensusAgreementPolicy.REWARD
                : currentWeight - ConsensusAgreementPolicy.PENALTY);
    }
}
