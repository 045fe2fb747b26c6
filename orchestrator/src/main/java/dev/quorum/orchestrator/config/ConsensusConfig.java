package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quorum.orchestrator.consensus.Pooling;

/**
 * How votes are fused.
 *
 * @param quorum             the fewest voting (non-abstaining) agents a decision needs; fewer gives HOLD, confidence 0
 * @param guardThreshold     an ensemble score at least this strong (in absolute value) vetoes a verdict pointing the
 *                           other way
 * @param pooling            which confidence a directional vote counts with: {@code calibrated} (through the agent's
 *                           calibration map, shrunk toward the stated one) or {@code stated}
 * @param mode               {@code normalised} (the default: the rule synthesis acts on the ensemble score against
 *                           {@code synthesis.act_threshold}) or {@code absolute} (seed 000: act only when the summed
 *                           weight of the voters agreeing on a direction reaches {@code consensus_threshold})
 * @param consensusThreshold seed 000's weighted threshold for {@code mode: absolute} (3.0 in the seed)
 * @param windowSeconds      seed 000's consensus window for the agents that publish asynchronously ({@code backend:
 *                           redis}): a signal proposed more than this many seconds before the newest of theirs does not
 *                           count with it (an abstention); 0 is off
 */
public record ConsensusConfig(Integer quorum, Double guardThreshold, Pooling pooling, Mode mode, Double consensusThreshold,
                              Integer windowSeconds) {

    /** Which rule decides whether the fused vote is acted on. */
    public enum Mode {
        @JsonProperty("normalised") NORMALISED,
        @JsonProperty("absolute") ABSOLUTE
    }

    public ConsensusConfig {
        ConfigCheck.between("quorum", quorum, 1, 64);
        ConfigCheck.between("guard_threshold", guardThreshold, 0.0, 1.0);
        ConfigCheck.present("pooling", pooling);
        if (guardThreshold == 0.0) {
            throw ConfigCheck.invalid("guard_threshold", "must be above 0 (0 would veto every verdict)");
        }
        ConfigCheck.present("mode", mode);
        ConfigCheck.between("consensus_threshold", consensusThreshold, 0.0, 1000.0);
        if (consensusThreshold == 0.0) {
            throw ConfigCheck.invalid("consensus_threshold", "must be above 0 (0 would act on any single vote)");
        }
        ConfigCheck.between("window_seconds", windowSeconds, 0, 24 * 3600);
    }
}
