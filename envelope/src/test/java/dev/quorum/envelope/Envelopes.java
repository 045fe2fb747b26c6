package dev.quorum.envelope;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Envelopes shared by the tests; the first two match the Python-generated golden fixtures field for field. */
public final class Envelopes {

    private Envelopes() {
    }

    /** Same content as {@code golden-full.json} (see src/test/python/golden_fixtures.py). */
    public static TradingIntelligenceEnvelope full() {
        return EnvelopeBuilder.forTarget(new Target("NVDA", "2026-05-11", "NASDAQ", "equity"))
                .synthesis(Verdict.BUY, 0.72, 0.41, "Trend + momentum agree; risk \"moderate\".\nVIX < 20 — calm")
                .agentSignal("technical", "technical", Direction.BULLISH, 0.8, "Price 4.2% above SMA-50, RSI 61",
                        List.of("price_vs_sma_50", "rsi_14"))
                .agentSignal("risk", "risk", Direction.NEUTRAL, 1.0,
                        "Volatilité modérée, β≈1.7 \uD83D\uDCC8\t(tab)\u0001", List.of())
                .agentSignal("macro", "macro", Direction.BEARISH, 0.0, "", List.of("us10y_change_3m"))
                .sourceMetrics(new SourceMetrics(7, 6, 1, 48213, ordered("prices", 4L, "news", 3L)))
                .phaseTiming(ordered("phase", "agents", "seconds", 4.25, "calls", 4))
                .phaseTiming(ordered("phase", "synthesis", "seconds", 1e-05, "ok", true, "note", null))
                .arenaTotalSeconds(12.5)
                .publishedAt(Instant.parse("2026-05-11T13:45:00.123456Z"))
                .correlationId("3f2b8c1d4e5a46b7a8c9d0e1f2a3b4c5")
                .arenaId("quorum-local")
                .modelUsed("llama3.1:8b")
                .meta("weights", ordered("technical", 0.35, "risk", 0.25))
                .meta("run", 17)
                .meta("tiny", 1e-7)
                .meta("big", 1e16)
                .build();
    }

    /** Same content as {@code golden-degraded.json}: no synthesis, no ticker. */
    public static TradingIntelligenceEnvelope degraded() {
        return EnvelopeBuilder.forTarget(Target.equity("", "2026-05-11"))
                .publishedAt(Instant.parse("2026-05-11T13:45:00Z"))
                .correlationId("0123456789abcdef0123456789abcdef")
                .build();
    }

    /** A valid envelope for {@code ticker} on {@code tradeDate}, with a fresh correlation id. */
    public static TradingIntelligenceEnvelope simple(String ticker, String tradeDate, Verdict verdict, double confidence) {
        return EnvelopeBuilder.forTarget(Target.equity(ticker, tradeDate))
                .synthesis(verdict, confidence, 0.25, "test")
                .agentSignal("technical", "technical", Direction.BULLISH, 0.6, "trend up", List.of("sma_50"))
                .modelUsed("test-model")
                .build();
    }

    /** A map that keeps the given key order (Map.of does not), with nulls allowed. */
    @SuppressWarnings("unchecked")
    public static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
