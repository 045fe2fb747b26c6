package dev.quorum.orchestrator.cycle;

import dev.quorum.orchestrator.consensus.ConsensusResult;

import java.time.LocalDate;

/** Told each stored decision's fused vote, after the commit (e.g. to mirror it under seed 003's Redis keys). */
@FunctionalInterface
public interface ConsensusListener {

    /** Does nothing. */
    ConsensusListener NONE = (ticker, tradeDate, correlationId, consensus) -> { };

    /** Best effort: a failure is the listener's to log; it never costs the decision, which is already stored. */
    void decided(String ticker, LocalDate tradeDate, String correlationId, ConsensusResult consensus);
}
