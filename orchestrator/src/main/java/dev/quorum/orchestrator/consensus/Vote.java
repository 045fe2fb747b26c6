package dev.quorum.orchestrator.consensus;

import dev.quorum.envelope.Direction;

/**
 * One counted vote: an agent's direction with its trust weight and confidence.
 *
 * @param stated     the confidence the agent stated
 * @param confidence the confidence the vote counts with: the stated one under stated pooling, the calibrated one
 *                   under calibrated pooling ({@link Pooling})
 * @param strength   trust weight x confidence (seed 003's vote strength)
 */
public record Vote(String agent, Direction direction, double weight, double stated, double confidence, double strength) {

    /** A vote counted at its stated confidence. */
    public Vote(String agent, Direction direction, double weight, double confidence) {
        this(agent, direction, weight, confidence, confidence);
    }

    /** A vote counted at {@code confidence}, the agent having stated {@code stated}. */
    public Vote(String agent, Direction direction, double weight, double stated, double confidence) {
        this(agent, direction, weight, stated, confidence, weight * confidence);
    }
}
