/**
 * Learned per-agent trust weights: one {@link dev.quorum.memory.trust.TrustPolicy} per rule of the seeds,
 * chosen in configuration, and the {@link dev.quorum.memory.trust.TrustLedger} that applies it to scored
 * calls, records every change as an event, snapshots the weights, rolls back, keeps agent_performance and
 * mirrors the current weights to Redis ({@link dev.quorum.memory.trust.RedisWeightsMirror}). SQLite is the truth.
 */
package dev.quorum.memory.trust;
