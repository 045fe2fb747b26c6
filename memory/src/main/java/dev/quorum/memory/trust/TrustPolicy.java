package dev.quorum.memory.trust;

/**
 * How an agent's trust weight moves after one of its calls is scored. Implementations keep no state of their own:
 * what they learn from (the agent's {@link AgentPerformance} record and its {@link AgentSkill} posterior) is kept by
 * the {@link TrustLedger} in SQLite, so a restart, a resumed backtest and the ablation replay all see the same.
 */
public interface TrustPolicy {

    /** The lowest weight the seed policies give (seeds 001 and 003). */
    double MIN_WEIGHT = 0.1;
    /** The highest weight the seed policies give (seeds 001 and 003). */
    double MAX_WEIGHT = 2.0;
    /** The weight of an agent with no scored call yet, under the seed policies. */
    double DEFAULT_WEIGHT = 1.0;

    /** The name used in configuration, e.g. {@code outcome-ema}. */
    String name();

    /**
     * @param currentWeight the agent's weight before this call was scored
     * @param call          the scored call
     * @param performance   the agent's record with this call already counted
     * @param skill         the agent's directional-accuracy posterior with this call already learned from
     * @return the agent's new weight
     */
    double nextWeight(double currentWeight, ScoredCall call, AgentPerformance performance, AgentSkill skill);

    /**
     * How this policy judged the call, as the weight history says it ({@code outcome of c-1: BULLISH 0.80, <this>,
     * return +0.30%}): by default right or wrong by {@link ScoredCall#correct()} (the epsilon band). A policy that
     * learns from something else says that instead, so that a call named "wrong" never raises a weight.
     */
    default String judged(ScoredCall call) {
        return call.correct() ? "correct" : "wrong";
    }

    /**
     * Whether the weight is computed afresh from the agent's whole record ({@link AgentSkill} or the
     * {@link AgentPerformance} counters) rather than stepped from its previous weight. Such a weight cannot be rolled
     * back by restoring it: the record is not rolled back, so the agent's next outcome would recompute it from the
     * record as if there had been no rollback.
     */
    default boolean weighsTheWholeRecord() {
        return false;
    }

    /** The weight of an agent with no scored call yet (in the consensus: an agent missing from the weights). */
    default double initialWeight() {
        return DEFAULT_WEIGHT;
    }

    static double clip(double weight) {
        return Math.max(MIN_WEIGHT, Math.min(MAX_WEIGHT, weight));
    }
}
