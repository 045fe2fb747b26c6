package dev.quorum.orchestrator.cli;

import dev.quorum.envelope.Direction;
import dev.quorum.envelope.EnvelopeBuilder;
import dev.quorum.envelope.SourceMetrics;
import dev.quorum.envelope.Target;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.Verdict;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Plausible envelopes for demos and consumer-team integration tests, until the orchestrator publishes real
 * decisions: four specialists vote, the ensemble is their confidence-weighted mean, the verdict follows it.
 * They say {@code meta.sample = true} so nobody trades on them.
 */
final class SampleEnvelopes {

    private static final List<String> TICKERS = List.of("NVDA", "AAPL", "MSFT", "AMZN", "SPY", "TSLA");
    private static final List<Specialist> PANEL = List.of(
            new Specialist("technical", List.of("price_vs_sma_50", "rsi_14", "macd_histogram", "bollinger_pct_b")),
            new Specialist("risk", List.of("realized_vol_20d", "max_drawdown_60d", "beta_60d_spy", "atr_14_pct")),
            new Specialist("sentiment", List.of("sentiment_score", "headline_count_5d", "tweet_count_5d")),
            new Specialist("macro", List.of("vix_level", "us10y_change_3m", "spy_price_vs_sma_200")));

    private final Random random;
    private final LocalDate tradeDate;

    SampleEnvelopes(long seed, LocalDate tradeDate) {
        this.random = new Random(seed);
        this.tradeDate = tradeDate;
    }

    TradingIntelligenceEnvelope next(int index) {
        String ticker = TICKERS.get(index % TICKERS.size());
        EnvelopeBuilder builder = EnvelopeBuilder.forTarget(new Target(ticker, tradeDate.toString(), "NASDAQ", "equity"));
        double weighted = 0;
        double totalConfidence = 0;
        for (Specialist specialist : PANEL) {
            Direction signal = Direction.values()[random.nextInt(Direction.values().length)];
            double confidence = Math.round((0.35 + 0.6 * random.nextDouble()) * 100) / 100.0;
            weighted += signal.sign() * confidence;
            totalConfidence += confidence;
            builder.agentSignal(specialist.name(), specialist.name(), signal, confidence,
                    specialist.name() + " view on " + ticker + ": " + signal.name().toLowerCase() + " (sample)",
                    specialist.factors().subList(0, 2));
        }
        double ensemble = Math.round(weighted / totalConfidence * 1000) / 1000.0;
        Verdict verdict = ensemble > 0.2 ? Verdict.BUY : ensemble < -0.2 ? Verdict.SELL : Verdict.HOLD;
        double confidence = Math.round(Math.min(1.0, 0.5 + Math.abs(ensemble) / 2) * 100) / 100.0;
        return builder
                .synthesis(verdict, confidence, ensemble, "Sample decision: ensemble " + ensemble + " of a 4-agent panel.")
                .sourceMetrics(new SourceMetrics(3, 3, 0, 18_432, Map.of("prices", 3L)))
                .phaseTiming(phaseTiming("agents", 2.5))
                .arenaTotalSeconds(3.25)
                .modelUsed("sample (no LLM)")
                .arenaId("quorum-samples")
                .meta("sample", true)
                .build();
    }

    private record Specialist(String name, List<String> factors) {
    }

    /** A phase timing object, its keys in the wire's order (Map.of's order changes from one JVM to the next). */
    private static Map<String, Object> phaseTiming(String phase, double seconds) {
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("phase", phase);
        timing.put("seconds", seconds);
        return timing;
    }
}
