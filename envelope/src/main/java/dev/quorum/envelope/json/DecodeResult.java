package dev.quorum.envelope.json;

import dev.quorum.envelope.TradingIntelligenceEnvelope;

import java.util.Optional;

/** The outcome of decoding one payload: an envelope, or the reason it was skipped. */
public sealed interface DecodeResult {

    record Decoded(TradingIntelligenceEnvelope value) implements DecodeResult {
    }

    /** @param detail what was wrong, for a log line (never the whole payload) */
    record Skipped(SkipReason reason, String detail) implements DecodeResult {
    }

    default Optional<TradingIntelligenceEnvelope> envelope() {
        return this instanceof Decoded decoded ? Optional.of(decoded.value()) : Optional.empty();
    }
}
