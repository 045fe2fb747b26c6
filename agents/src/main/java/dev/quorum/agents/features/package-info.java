/**
 * Features for one (ticker, trade date), computed only from a {@link dev.quorum.agents.market.MarketSnapshot}
 * (what was known at that date's close). {@link dev.quorum.agents.features.FeatureKeys} names them (the contract
 * with prompts and rules), {@link dev.quorum.agents.features.FeatureCalculator} computes them,
 * {@link dev.quorum.agents.features.HeadlineSelector} picks the recent news text and
 * {@link dev.quorum.agents.features.AgentInputs} assembles an {@link dev.quorum.agents.AgentInput}.
 * The indicator maths lives in small package-private classes by concept (moving averages, momentum,
 * volatility, co-movement) so that each can be checked against hand-computed values.
 */
package dev.quorum.agents.features;
