/**
 * The SQLite system of record: one database file ({@link dev.quorum.memory.store.QuorumDatabase}) whose schema
 * is created and upgraded by numbered migrations, the decisions with every agent's signal and exact inputs
 * ({@link dev.quorum.memory.store.DecisionStore}), and the outbox of envelopes waiting to be published
 * ({@link dev.quorum.memory.store.Outbox}); the dashboard's own read-only questions are
 * {@link dev.quorum.memory.store.DashboardQueries}.
 */
package dev.quorum.memory.store;
