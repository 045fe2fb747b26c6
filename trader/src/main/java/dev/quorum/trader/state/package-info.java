/**
 * The trader's own SQLite file ({@link dev.quorum.trader.state.TraderStore}): the decisions it has seen (the
 * correlation-id dedupe of an at-least-once stream), its orders, fills and positions (each with the decision's
 * correlation id) and the feedback outbox. Every change of the book is one transaction, so a crash leaves either the
 * state before or the state after, and a restart carries on from there.
 */
package dev.quorum.trader.state;
