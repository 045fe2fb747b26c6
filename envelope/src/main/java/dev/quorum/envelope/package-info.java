/**
 * The v1 TradingIntelligenceEnvelope wire contract (seed 004): records mirroring the Python consumer's
 * pydantic models, their bounds, and {@link dev.quorum.envelope.EnvelopeBuilder}. Sub-packages: {@code json}
 * (byte-exact codec), {@code redis} (URLs, connections, key names), {@code publish}, {@code consume}.
 */
package dev.quorum.envelope;
