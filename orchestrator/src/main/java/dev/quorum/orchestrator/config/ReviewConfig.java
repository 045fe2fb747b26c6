package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The peer review of seed 002 (README "Seed fidelity").
 *
 * @param riskAgent         the agent whose view reviews a BUY/SELL; must be on the panel
 * @param peers             further reviewers beside the risk agent (seed 002 has an auditor and a learning agent);
 *                          each must be on the panel; empty: the risk agent reviews alone
 * @param cautionConfidence a reviewer whose view opposes the verdict with at least this confidence does not approve it
 * @param caution           what a CAUTION outcome (some reviewers approve, not a majority) lowers
 * @param cautionFactor     the factor CAUTION multiplies the confidence or the size by
 */
public record ReviewConfig(String riskAgent, List<String> peers, Double cautionConfidence, Caution caution,
                           Double cautionFactor) {

    /** What CAUTION lowers. */
    public enum Caution {
        /** The verdict's confidence (the trader sizes by confidence, so the position shrinks with it). */
        @JsonProperty("confidence") CONFIDENCE,
        /** The confidence stays; {@code meta.review.size_factor} tells the trader to scale the position. */
        @JsonProperty("size") SIZE
    }

    public ReviewConfig {
        ConfigCheck.text("risk_agent", riskAgent);
        peers = peers == null ? List.of() : List.copyOf(peers);
        if (peers.contains(riskAgent) || peers.stream().distinct().count() != peers.size()) {
            throw ConfigCheck.invalid("peers", "names a reviewer twice (the risk agent is always one): " + peers);
        }
        ConfigCheck.between("caution_confidence", cautionConfidence, 0.0, 1.0);
        ConfigCheck.present("caution", caution);
        ConfigCheck.between("caution_factor", cautionFactor, 0.0, 1.0);
    }

    /** The reviewers in order: the risk agent, then the peers. */
    public List<String> reviewers() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(riskAgent), peers.stream()).toList();
    }
}
