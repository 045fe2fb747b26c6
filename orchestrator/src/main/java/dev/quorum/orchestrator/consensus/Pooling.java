package dev.quorum.orchestrator.consensus;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which confidence a directional vote counts with in the ensemble score ({@code consensus.pooling}). */
public enum Pooling {
    /**
     * The stated confidence mapped through the agent's point-in-time calibration map, shrunk toward the stated one
     * ({@code dev.quorum.memory.trust.AgentSkill#pooledConfidence}): an over-confident agent is discounted by its
     * record, an agent with no record is taken at its word.
     */
    @JsonProperty("calibrated") CALIBRATED,
    /** The confidence as the agent stated it. */
    @JsonProperty("stated") STATED;

    /** The name used in the configuration file. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
