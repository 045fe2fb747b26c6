package dev.quorum.orchestrator.synthesis;

import dev.quorum.orchestrator.consensus.ConsensusResult;

/** Turns one decision's fused vote into a verdict. */
public interface Synthesiser {

    /**
     * @param ticker     the decided ticker
     * @param consensus  the fused vote; when its quorum is not met implementations return HOLD with confidence 0
     * @param recall     the "similar past situations" block, possibly empty
     */
    SynthesisVerdict synthesise(String ticker, ConsensusResult consensus, String recall);
}
