package dev.quorum.orchestrator.config;

/**
 * The peer review of seed 002.
 *
 * @param riskAgent         the agent whose view reviews a BUY/SELL; must be on the panel
 * @param cautionConfidence the risk view opposing the verdict with at least this confidence downgrades it to HOLD
 */
public record ReviewConfig(String riskAgent, Double cautionConfidence) {

    public ReviewConfig {
        ConfigCheck.text("risk_agent", riskAgent);
        ConfigCheck.between("caution_confidence", cautionConfidence, 0.0, 1.0);
    }
}
