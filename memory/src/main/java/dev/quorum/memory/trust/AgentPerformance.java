package dev.quorum.memory.trust;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Seed 001's agent_performance row.
 *
 * @param totalDecisions        scored calls (abstentions are not calls)
 * @param correctDecisions      calls that were right (see {@link ScoredCall#correct()})
 * @param accuracy              correct / total
 * @param avgProfitContribution mean of {@link ScoredCall#profitContribution()}
 * @param sharpeRatio           mean / sample standard deviation of the profit contributions, per call (not annualised);
 *                              empty below two calls or with no dispersion
 * @param winRate               wins / (wins + losses) over directional calls (seed 000); empty before the first one
 * @param grossProfit           sum of the positive profit contributions
 * @param grossLoss             minus the sum of the negative ones (>= 0)
 */
public record AgentPerformance(String agent, long totalDecisions, long correctDecisions, OptionalDouble accuracy,
                               OptionalDouble avgProfitContribution, double currentWeight, OptionalDouble sharpeRatio,
                               OptionalDouble winRate, long wins, long losses, double sumProfitContribution,
                               double sumSquaredProfitContribution, double grossProfit, double grossLoss, Instant updatedAt) {

    /** Seed 001's profit factor, gross profit / gross loss; empty while no call has lost (it would be infinite). */
    public OptionalDouble profitFactor() {
        return grossLoss > 0.0 ? OptionalDouble.of(grossProfit / grossLoss) : OptionalDouble.empty();
    }

    /** An agent with no scored call yet: the default weight. */
    public static AgentPerformance none(String agent, double weight, Instant at) {
        return new AgentPerformance(agent, 0, 0, OptionalDouble.empty(), OptionalDouble.empty(), weight,
                OptionalDouble.empty(), OptionalDouble.empty(), 0, 0, 0.0, 0.0, 0.0, 0.0, at);
    }

    /** This record with one more scored call counted (the weight is left to the policy). */
    public AgentPerformance counting(ScoredCall call, Instant at) {
        long total = totalDecisions + 1;
        long correct = correctDecisions + (call.correct() ? 1 : 0);
        double sum = sumProfitContribution + call.profitContribution();
        double sumSq = sumSquaredProfitContribution + call.profitContribution() * call.profitContribution();
        long newWins = wins + (call.isWin() ? 1 : 0);
        long newLosses = losses + (call.signal() != dev.quorum.envelope.Direction.NEUTRAL && !call.isWin() ? 1 : 0);
        double mean = sum / total;
        OptionalDouble sharpe = OptionalDouble.empty();
        if (total >= 2) {
            double variance = (sumSq - total * mean * mean) / (total - 1);
            if (variance > 1e-18) {
                sharpe = OptionalDouble.of(mean / Math.sqrt(variance));
            }
        }
        OptionalDouble winRate = newWins + newLosses == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((double) newWins / (newWins + newLosses));
        return new AgentPerformance(agent, total, correct, OptionalDouble.of((double) correct / total), OptionalDouble.of(mean),
                currentWeight, sharpe, winRate, newWins, newLosses, sum, sumSq,
                grossProfit + Math.max(0.0, call.profitContribution()), grossLoss + Math.max(0.0, -call.profitContribution()), at);
    }

    public AgentPerformance withWeight(double weight) {
        return new AgentPerformance(agent, totalDecisions, correctDecisions, accuracy, avgProfitContribution, weight,
                sharpeRatio, winRate, wins, losses, sumProfitContribution, sumSquaredProfitContribution, grossProfit, grossLoss, updatedAt);
    }
}
