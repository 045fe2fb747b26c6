/**
 * Fusing the panel's votes (seeds 000 and 003): {@link dev.quorum.orchestrator.consensus.WeightedConsensus} turns
 * agent outcomes and trust weights into a {@link dev.quorum.orchestrator.consensus.ConsensusResult} (ensemble score,
 * agreement, vote distribution, abstentions, quorum). Pure functions, no I/O.
 */
package dev.quorum.orchestrator.consensus;
