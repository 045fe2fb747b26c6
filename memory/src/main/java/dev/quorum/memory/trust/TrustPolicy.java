package dev.quorum.memory.trust;

/** How an agent's trust weight moves after one of its calls is scored. Implementations are stateless. */
public interface TrustPolicy {

    /** The lowest weight any policy gives (seeds 001 and 003). */
    double MIN_WEIGHT = 0.1;
    /** The highest weight any policy gives (seeds 001 and 003). */
    double MAX_WEIGHT = 2.0;
    /** The weight of an agent with no scored call yet. */
    double DEFAULT_WEIGHT = 1.0;

    /** The name used in configuration, e.g. {@code outcome-ema}. */
    String name();

    /**
     * @param currentWeight the agent's weight before this call was scored
     * @param call          the scored call
     * @param performance   the agent's record with this call already counted
     * @return the agent's new weight
     */
    double nextWeight(double currentWeight, ScoredCall call, AgentPerformance performance);

    static double clip(double weight) {
        return Math.max(MIN_WEIGHT, Math.min(MAX_WEIGHT, weight));
    }
}
