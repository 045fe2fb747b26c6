package dev.quorum.envelope.consume;

import dev.quorum.envelope.TradingIntelligenceEnvelope;

/** A decoded envelope and the id of the stream entry it came from (e.g. {@code 1747057500123-0}). */
public record ReceivedEnvelope(String entryId, TradingIntelligenceEnvelope envelope) {
}
