/**
 * The position policy: what a verdict does to the book ({@link dev.quorum.trader.policy.PositionPolicy}) and when
 * an open position is closed ({@link dev.quorum.trader.policy.ExitRule}). Pure functions of their inputs.
 */
package dev.quorum.trader.policy;
