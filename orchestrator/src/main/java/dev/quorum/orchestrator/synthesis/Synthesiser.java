package dev.quorum.orchestrator.synthesis;

/** Turns one decision's fused vote into a verdict. Never throws for an ordinary failure: it falls back instead. */
public interface Synthesiser {

    /** When the consensus's quorum is not met, implementations return HOLD with confidence 0. */
    SynthesisVerdict synthesise(SynthesisRequest request);
}
