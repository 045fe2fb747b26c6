package dev.quorum.orchestrator.config;

/**
 * How votes are fused.
 *
 * @param quorum         the fewest voting (non-abstaining) agents a decision needs; fewer gives HOLD, confidence 0
 * @param guardThreshold an ensemble score at least this strong (in absolute value) vetoes a verdict pointing the
 *                       other way
 */
public record ConsensusConfig(Integer quorum, Double guardThreshold) {

    public ConsensusConfig {
        ConfigCheck.between("quorum", quorum, 1, 64);
        ConfigCheck.between("guard_threshold", guardThreshold, 0.0, 1.0);
        if (guardThreshold == 0.0) {
            throw ConfigCheck.invalid("guard_threshold", "must be above 0 (0 would veto every verdict)");
        }
    }
}
