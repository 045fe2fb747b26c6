package dev.quorum.memory.trust;

import dev.quorum.envelope.Direction;

/**
 * {@code beta-log-odds} (the default): the weight is the log-odds of the agent's directional accuracy, the posterior
 * mean of a Beta(5, 5) prior updated by its directional calls with exponential forgetting ({@link AgentSkill}):
 * <pre>
 *   weight = min(CAP, max(FLOOR, ln(p / (1 - p))))     p = (5 + r) / (10 + r + w), FLOOR = 0.05, CAP = 3.0
 * </pre>
 * A coin flip weighs about the floor, an agent right 68 % of the time about 0.75, 80 % about 1.4: the log-odds is
 * how much one vote of that accuracy should move a naive-Bayes pool, so a proven agent outvotes several unproven
 * ones. A reliably wrong agent is floored, not inverted: its errors are rarely a stable signal worth betting on the
 * other way, and flooring keeps the score a mean of what the agents said. The floor (rather than 0) keeps every
 * voter in the denominator, so unproven agents at the start weigh equally. NEUTRAL calls leave the weight as it is.
 */
public final class BetaLogOddsPolicy implements TrustPolicy {

    /** The weight of a coin flip, a reliably wrong agent and a new one. */
    public static final double FLOOR = 0.05;
    /** About 95 % accuracy: a bound, so that a lucky streak on a short memory cannot make one weight unbounded. */
    public static final double CAP = 3.0;

    @Override
    public String name() {
        return "beta-log-odds";
    }

    @Override
    public double nextWeight(double currentWeight, ScoredCall call, AgentPerformance performance, AgentSkill skill) {
        return weightOf(skill);
    }

    /** It scores the sign (as {@link AgentSkill} learns it), not the epsilon band; a NEUTRAL call it does not score. */
    @Override
    public String judged(ScoredCall call) {
        return call.signal() == Direction.NEUTRAL ? "not scored (no direction)"
                : call.isWin() ? "right on the sign" : "wrong on the sign";
    }

    /** The log-odds of the whole posterior. */
    @Override
    public boolean weighsTheWholeRecord() {
        return true;
    }

    /** The weight this policy gives an agent with that posterior. */
    public static double weightOf(AgentSkill skill) {
        return Math.min(CAP, Math.max(FLOOR, skill.logOdds()));
    }

    @Override
    public double initialWeight() {
        return FLOOR;
    }
}
