package dev.quorum.orchestrator.config;

import dev.quorum.orchestrator.consensus.Pooling;

/**
 * How votes are fused.
 *
 * @param quorum         the fewest voting (non-abstaining) agents a decision needs; fewer gives HOLD, confidence 0
 * @param guardThreshold an ensemble score at least this strong (in absolute value) vetoes a verdict pointing the
 *                       other way
 * @param pooling        which confidence a directional vote counts with: {@code calibrated} (through the agent's
 *                       calibration map, shrunk toward the stated one) or {@code stated}
 */
public record ConsensusConfig(Integer quorum, Double guardThreshold, Pooling pooling) {

    public ConsensusConfig {
        ConfigCheck.between("quorum", quorum, 1, 64);
        ConfigCheck.between("guard_threshold", guardThreshold, 0.0, 1.0);
        ConfigCheck.present("pooling", pooling);
        if (guardThreshold == 0.0) {
            throw ConfigCheck.invalid("guard_threshold", "must be above 0 (0 would veto every verdict)");
        }
    }
}
