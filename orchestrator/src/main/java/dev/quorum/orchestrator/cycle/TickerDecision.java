package dev.quorum.orchestrator.cycle;

import dev.quorum.envelope.Verdict;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One decided ticker, as the CLI table and the status endpoint show it.
 *
 * @param voted       agents that voted (abstentions excluded)
 * @param agents      agents on the panel
 * @param degraded    why the decision is degraded (quorum not met, abstentions, guard, fallback), empty when not
 * @param provisional degraded by infrastructure: the next cycle decides the ticker again and supersedes it
 * @param supersedes  the correlation id of the decision this one replaced (a provisional one, or any on a re-decide)
 */
public record TickerDecision(String ticker, Verdict verdict, double confidence, double ensembleScore, int voted,
                             int agents, String correlationId, List<String> degraded, boolean provisional,
                             Optional<String> supersedes) {

    public TickerDecision {
        degraded = List.copyOf(degraded);
        Objects.requireNonNull(supersedes, "supersedes");
    }

    /** A final decision that replaced nothing. */
    public TickerDecision(String ticker, Verdict verdict, double confidence, double ensembleScore, int voted,
                          int agents, String correlationId, List<String> degraded) {
        this(ticker, verdict, confidence, ensembleScore, voted, agents, correlationId, degraded, false, Optional.empty());
    }
}
