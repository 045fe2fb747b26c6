package dev.quorum.trader;

import dev.quorum.envelope.Direction;
import dev.quorum.envelope.EnvelopeBuilder;
import dev.quorum.envelope.SourceMetrics;
import dev.quorum.envelope.Target;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.consume.ReceivedEnvelope;

import java.util.List;
import java.util.Map;

/** Decisions as Quorum publishes them, for the trader's tests. */
public final class Decisions {

    private Decisions() {
    }

    /** A readable test name as a wire-valid correlation id: its bytes in hex, padded to 32 digits. */
    public static String id(String name) {
        StringBuilder hex = new StringBuilder();
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
            hex.append(String.format("%02x", b));
        }
        if (hex.length() > 32) {
            throw new IllegalArgumentException("test names are at most 16 characters: " + name);
        }
        return hex + "0".repeat(32 - hex.length());
    }

    public static TradingIntelligenceEnvelope envelope(String correlationId, String ticker, String tradeDate, Verdict verdict,
                                                       double confidence, Map<String, Object> meta) {
        EnvelopeBuilder builder = EnvelopeBuilder.forTarget(Target.equity(ticker, tradeDate))
                .synthesis(verdict, confidence, verdict == Verdict.SELL ? -confidence : confidence, "test")
                .agentSignal("technical", "trend-momentum", Direction.BULLISH, confidence, "test", List.of())
                .sourceMetrics(new SourceMetrics(1, 1, 0, 10, Map.of()))
                .correlationId(correlationId)
                .arenaId("test");
        meta.forEach(builder::meta);
        return builder.build();
    }

    /** @param correlationId a readable name, made a wire-valid id by {@link #id} */
    public static ReceivedEnvelope received(String correlationId, String ticker, String tradeDate, Verdict verdict, double confidence) {
        return received(correlationId, ticker, tradeDate, verdict, confidence, Map.of());
    }

    public static ReceivedEnvelope received(String correlationId, String ticker, String tradeDate, Verdict verdict, double confidence,
                                            Map<String, Object> meta) {
        return new ReceivedEnvelope("1-0", envelope(id(correlationId), ticker, tradeDate, verdict, confidence, meta));
    }
}
