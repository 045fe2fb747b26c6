package dev.quorum.orchestrator.consensus;

/**
 * How much of the vote one direction got.
 *
 * @param agents        how many agents voted that way
 * @param strengthShare that direction's summed strength over the total strength, in [0, 1]
 */
public record VoteShare(int agents, double strengthShare) {
}
