/**
 * The trading consumer that closes Quorum's loop: it reads the envelope stream through a consumer group
 * ({@link dev.quorum.trader.Trader}), turns verdicts into paper orders through a position policy, keeps orders,
 * fills and positions in its own SQLite file, and reports every closed position to Quorum's {@code /api/feedback}
 * (seed 001's payload) so the trust weights learn from real fills. It depends on {@code quorum-envelope} only:
 * it is also the reference example of how a team writes its own consumer.
 */
package dev.quorum.trader;
