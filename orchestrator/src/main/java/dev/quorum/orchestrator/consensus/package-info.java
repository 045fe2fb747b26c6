/**
 * Fusing the panel's votes (seeds 000 and 003): {@link dev.quorum.orchestrator.consensus.WeightedConsensus} turns
 * agent outcomes and trust weights into a {@link dev.quorum.orchestrator.consensus.ConsensusResult} (ensemble score,
 * agreement, vote distribution, abstentions, quorum); {@link dev.quorum.orchestrator.consensus.AbsoluteConsensus} is
 * seed 000's absolute rule on that result (act only when the agreeing voters' summed weight reaches a threshold),
 * used instead of the normalised score when {@code consensus.mode: absolute}. Pure functions, no I/O.
 */
package dev.quorum.orchestrator.consensus;
