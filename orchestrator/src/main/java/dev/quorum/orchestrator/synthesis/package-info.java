/**
 * Turning the fused vote into BUY/HOLD/SELL: a {@link dev.quorum.orchestrator.synthesis.Synthesiser} (the documented
 * {@link dev.quorum.orchestrator.synthesis.RuleSynthesis}, or the LLM synthesis agent with the rules behind it), and
 * the {@link dev.quorum.orchestrator.synthesis.EnsembleGuard} that refuses a verdict contradicting a strong ensemble.
 * Each verdict says how it was reached as a {@link dev.quorum.orchestrator.synthesis.SynthesisMethod}, a type inside
 * Quorum and its unchanged text only in the envelope's {@code meta.synthesis.method}.
 */
package dev.quorum.orchestrator.synthesis;
