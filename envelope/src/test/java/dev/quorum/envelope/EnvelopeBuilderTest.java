package dev.quorum.envelope;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.quorum.envelope.Envelopes.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeBuilderTest {

    private static EnvelopeBuilder nvda() {
        return EnvelopeBuilder.forTarget(Target.equity("NVDA", "2026-05-11"));
    }

    @Test
    void should_reject_confidence_outside_zero_to_one_naming_the_field() {
        InvalidEnvelopeException error = assertThrows(InvalidEnvelopeException.class,
                () -> nvda().synthesis(Verdict.BUY, 1.01, 0.5, ""));
        assertEquals("decision.synthesis.confidence", error.field());
        assertTrue(error.getMessage().contains("must be within [0, 1], got 1.01"), error.getMessage());

        InvalidEnvelopeException signal = assertThrows(InvalidEnvelopeException.class, () -> nvda()
                .agentSignal("a", "technical", Direction.BULLISH, 0.5, "", List.of())
                .agentSignal("b", "risk", Direction.BEARISH, -0.1, "", List.of()));
        assertEquals("decision.agent_signals[1].confidence", signal.field());
    }

    @Test
    void should_reject_ensemble_score_outside_minus_one_to_one() {
        InvalidEnvelopeException error = assertThrows(InvalidEnvelopeException.class,
                () -> nvda().synthesis(Verdict.SELL, 0.5, -1.5, ""));
        assertEquals("decision.synthesis.ensemble_score", error.field());
    }

    @Test
    void should_accept_the_bounds_themselves() {
        TradingIntelligenceEnvelope envelope = nvda().synthesis(Verdict.SELL, 1.0, -1.0, "")
                .agentSignal("a", "risk", Direction.BEARISH, 0.0, "", List.of()).build();
        assertEquals(-1.0, envelope.decision().synthesis().ensembleScore());
    }

    @Test
    void should_reject_nan_and_infinity_anywhere() {
        assertEquals("decision.synthesis.confidence", assertThrows(InvalidEnvelopeException.class,
                () -> nvda().synthesis(Verdict.BUY, Double.NaN, 0, "")).field());
        assertEquals("decision.arena_total_seconds", assertThrows(InvalidEnvelopeException.class,
                () -> nvda().arenaTotalSeconds(Double.POSITIVE_INFINITY)).field());
        assertEquals("decision.phase_timings[0].seconds", assertThrows(InvalidEnvelopeException.class,
                () -> nvda().phaseTiming(ordered("phase", "agents", "seconds", Double.NaN))).field());
        assertEquals("meta.weights.risk[1]", assertThrows(InvalidEnvelopeException.class,
                () -> nvda().meta("weights", Map.of("risk", List.of(0.1, Float.NaN))).build()).field());
    }

    @Test
    void should_reject_meta_values_that_are_not_json() {
        InvalidEnvelopeException error = assertThrows(InvalidEnvelopeException.class,
                () -> nvda().meta("when", Instant.EPOCH).build());
        assertEquals("meta.when", error.field());
    }

    @Test
    void should_cut_summaries_to_300_code_points_and_key_factors_to_10() {
        String summary = "\uD83D\uDCC8".repeat(150) + "x".repeat(200);
        List<String> factors = IntStream.range(0, 12).mapToObj(i -> "factor_" + i).toList();
        AgentSignalView signal = nvda().agentSignal("a", "technical", Direction.BULLISH, 0.5, summary, factors)
                .build().decision().agentSignals().get(0);
        assertEquals(300, signal.summary().codePointCount(0, signal.summary().length()));
        assertEquals("\uD83D\uDCC8".repeat(150) + "x".repeat(150), signal.summary());
        assertEquals(factors.subList(0, 10), signal.keyFactors());
    }

    @Test
    void should_coerce_unknown_verdicts_and_signals_and_say_so_in_meta() {
        TradingIntelligenceEnvelope envelope = nvda()
                .synthesis(" buy ", 0.6, 0.2, "")
                .agentSignal("a", "technical", "very bullish", 0.5, "", List.of())
                .build();
        assertEquals(Verdict.BUY, envelope.decision().synthesis().verdict());
        assertEquals(Direction.NEUTRAL, envelope.decision().agentSignals().get(0).signal());
        assertEquals(List.of("decision.agent_signals[0].signal: \"very bullish\" -> NEUTRAL"), envelope.meta().get("coerced"));

        TradingIntelligenceEnvelope strange = nvda().synthesis("STRONG_BUY", 0.6, 0.2, "").build();
        assertEquals(Verdict.HOLD, strange.decision().synthesis().verdict());
        assertEquals(List.of("decision.synthesis.verdict: \"STRONG_BUY\" -> HOLD"), strange.meta().get("coerced"));
    }

    @Test
    void should_turn_a_missing_synthesis_into_hold_with_zero_confidence_and_say_so() {
        TradingIntelligenceEnvelope envelope = nvda().build();
        assertEquals(new Synthesis(Verdict.HOLD, 0.0, 0.0, ""), envelope.decision().synthesis());
        assertEquals(List.of("decision.synthesis: missing -> HOLD with confidence 0"), envelope.meta().get("coerced"));
    }

    @Test
    void should_always_set_agents_count_and_model_used_first_in_meta() {
        TradingIntelligenceEnvelope envelope = nvda().synthesis(Verdict.HOLD, 0.5, 0, "")
                .meta("run", 1)
                .agentSignal("a", "technical", Direction.BULLISH, 0.5, "", List.of())
                .agentSignal("b", "risk", Direction.BEARISH, 0.5, "", List.of())
                .build();
        assertEquals(List.of("agents_count", "model_used", "run"), new ArrayList<>(envelope.meta().keySet()));
        assertEquals(2, envelope.meta().get("agents_count"));
        assertEquals("", envelope.meta().get("model_used"));
        assertFalse(envelope.meta().containsKey("coerced"));
        assertThrows(InvalidEnvelopeException.class, () -> nvda().meta("agents_count", 3));
    }

    @Test
    void should_generate_a_uuid4_hex_correlation_id_and_take_the_clock_to_the_microsecond() {
        Clock clock = Clock.fixed(Instant.parse("2026-05-11T13:45:00.123456789Z"), ZoneOffset.UTC);
        TradingIntelligenceEnvelope envelope = nvda().clock(clock).build();
        assertTrue(envelope.correlationId().matches("[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}"), envelope.correlationId());
        assertEquals(Instant.parse("2026-05-11T13:45:00.123456Z"), envelope.publishedAt());
        assertThrows(InvalidEnvelopeException.class, () -> nvda().correlationId("3F2B8C1D-4E5A-46B7-A8C9-D0E1F2A3B4C5"));
    }
}
