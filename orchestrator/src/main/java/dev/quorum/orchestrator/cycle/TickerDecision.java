package dev.quorum.orchestrator.cycle;

import dev.quorum.envelope.Verdict;

import java.util.List;

/**
 * One decided ticker, as the CLI table and the status endpoint show it.
 *
 * @param voted    agents that voted (abstentions excluded)
 * @param agents   agents on the panel
 * @param degraded why the decision is degraded (quorum not met, abstentions, guard, fallback), empty when not
 */
public record TickerDecision(String ticker, Verdict verdict, double confidence, double ensembleScore, int voted,
                             int agents, String correlationId, List<String> degraded) {

    public TickerDecision {
        degraded = List.copyOf(degraded);
    }
}
