package dev.quorum.orchestrator.consensus;

import dev.quorum.envelope.Direction;

/**
 * One counted vote: an agent's direction with its trust weight and confidence.
 *
 * @param strength trust weight x confidence (seed 003's vote strength)
 */
public record Vote(String agent, Direction direction, double weight, double confidence, double strength) {

    public Vote(String agent, Direction direction, double weight, double confidence) {
        this(agent, direction, weight, confidence, weight * confidence);
    }
}
