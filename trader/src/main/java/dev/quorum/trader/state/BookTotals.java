package dev.quorum.trader.state;

/**
 * The book's counts and sums for {@code status} and {@code /metrics}.
 *
 * @param realisedPnl     sum over closed positions, net of costs
 * @param realisedCosts   the costs of both sides of the closed positions: what {@code realisedPnl} is net of
 * @param costs           sum of the costs paid on every fill
 * @param ordersRejected  orders the broker refused
 * @param feedbackPending payloads in the outbox not yet delivered
 */
public record BookTotals(long decisionsSeen, long openPositions, long closedPositions, double realisedPnl,
                         double realisedCosts, double costs,
                         long ordersRejected, long feedbackDelivered, long feedbackPending, long feedbackRefused) {
}
