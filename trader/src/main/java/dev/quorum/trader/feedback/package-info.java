/**
 * Reporting closed positions back to Quorum: {@link dev.quorum.trader.feedback.FeedbackPayloads} writes seed 001's
 * payload from a closed position, {@link dev.quorum.trader.feedback.FeedbackOutbox} delivers it to
 * {@code POST /api/feedback} (bearer token) from the SQLite outbox, retrying with backoff what could not be delivered.
 */
package dev.quorum.trader.feedback;
