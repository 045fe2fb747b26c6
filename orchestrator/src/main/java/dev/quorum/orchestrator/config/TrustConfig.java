package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How agent trust weights learn from outcomes.
 *
 * @param policy        {@code beta-log-odds} (the default), {@code outcome-ema} (seed 001), {@code win-rate} (seed 000),
 *                      {@code consensus-agreement} or {@code correctness-step} (the two readings of seed 003), {@code equal}
 * @param snapshotEvery a weight snapshot every N updates
 * @param updates       whose trust an outcome moves: {@code voters} (the default: every agent that voted) or
 *                      {@code proposers} (seed 000: only the agents that proposed the executed trade)
 */
public record TrustConfig(Policy policy, Integer snapshotEvery, Updates updates) {

    /** {@code dev.quorum.memory.trust.TrustSettings.Updates}. */
    public enum Updates {
        @JsonProperty("voters") VOTERS,
        @JsonProperty("proposers") PROPOSERS
    }

    /** The trust policies ({@code dev.quorum.memory.trust.TrustPolicies}). */
    public enum Policy {
        /** Log-odds of a Beta posterior of directional accuracy with forgetting: the default. */
        @JsonProperty("beta-log-odds") BETA_LOG_ODDS,
        @JsonProperty("outcome-ema") OUTCOME_EMA,
        @JsonProperty("win-rate") WIN_RATE,
        @JsonProperty("consensus-agreement") CONSENSUS_AGREEMENT,
        /** Seed 003's +0.05 / -0.03 step on being right (consensus-agreement steps on agreeing with the verdict). */
        @JsonProperty("correctness-step") CORRECTNESS_STEP,
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
        ConfigCheck.present("updates", updates);
    }
}
