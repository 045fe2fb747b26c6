/**
 * Learned per-agent trust weights: a {@link dev.quorum.memory.trust.TrustPolicy} chosen in configuration (the default
 * {@code beta-log-odds} weighs each agent by the log-odds of its proven directional accuracy,
 * {@link dev.quorum.memory.trust.AgentSkill}, each call worth the part of an independent observation that
 * {@link dev.quorum.memory.trust.SessionEvidence} gives it; the others are the seeds' rules), and the {@link dev.quorum.memory.trust.TrustLedger} that applies it to scored
 * calls, records every change as an event, snapshots the weights, rolls back, keeps agent_performance and
 * mirrors the current weights to Redis ({@link dev.quorum.memory.trust.RedisWeightsMirror}). SQLite is the truth.
 * Whose calls move anything is {@link dev.quorum.memory.trust.TrustSettings.Updates}: every voter, or (seed 000) only
 * the agents that proposed the executed trade.
 */
package dev.quorum.memory.trust;
