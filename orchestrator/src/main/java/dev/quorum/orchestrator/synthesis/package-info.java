/**
 * Turning the fused vote into BUY/HOLD/SELL: a {@link dev.quorum.orchestrator.synthesis.Synthesiser} (the documented
 * {@link dev.quorum.orchestrator.synthesis.RuleSynthesis}, or the LLM synthesis agent with the rules behind it), and
 * the {@link dev.quorum.orchestrator.synthesis.EnsembleGuard} that refuses a verdict contradicting a strong ensemble.
 */
package dev.quorum.orchestrator.synthesis;
