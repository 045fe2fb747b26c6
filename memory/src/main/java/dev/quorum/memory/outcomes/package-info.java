/**
 * The feedback loop: how a decision turned out. {@link dev.quorum.memory.outcomes.MarketOutcomeResolver} is the
 * pure rule that prices an outcome from daily bars (entry at the next session's open, exit at the close H sessions
 * later, alpha against SPY); {@link dev.quorum.memory.outcomes.FeedbackPayload} is seed 001's external feedback;
 * {@link dev.quorum.memory.outcomes.OutcomeRecorder} scores each agent's call, stores the outcome and applies
 * the trust policy in one transaction, then tells its listeners (meta-learner, recall indexing).
 */
package dev.quorum.memory.outcomes;
