package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How agent trust weights learn from outcomes.
 *
 * @param policy        {@code outcome-ema} (seed 001), {@code win-rate} (seed 000) or {@code consensus-agreement}
 *                      (seed 003)
 * @param snapshotEvery a weight snapshot every N updates
 */
public record TrustConfig(Policy policy, Integer snapshotEvery) {

    /** The trust policies of the seeds. */
    public enum Policy {
        @JsonProperty("outcome-ema") OUTCOME_EMA,
        @JsonProperty("win-rate") WIN_RATE,
        @JsonProperty("consensus-agreement") CONSENSUS_AGREEMENT,
        /** Every agent keeps weight 1.0: the baseline a backtest compares the learning policies with. */
        @JsonProperty("equal") EQUAL;

        /** The name used in the configuration file. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public TrustConfig {
        ConfigCheck.present("policy", policy);
        ConfigCheck.between("snapshot_every", snapshotEvery, 1, 1_000_000);
    }
}
