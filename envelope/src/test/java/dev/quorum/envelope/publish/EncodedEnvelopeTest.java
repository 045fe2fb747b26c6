package dev.quorum.envelope.publish;

import dev.quorum.envelope.EnvelopeBuilder;
import dev.quorum.envelope.Envelopes;
import dev.quorum.envelope.Target;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.json.EnvelopeJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EncodedEnvelopeTest {

    /** The outbox path reads the hash from stored JSON; it must equal what encoding the typed envelope gives. */
    @Test
    void should_read_the_same_decision_hash_from_wire_json_as_from_the_typed_envelope() {
        List<TradingIntelligenceEnvelope> envelopes = new ArrayList<>(List.of(Envelopes.full(), Envelopes.degraded()));
        // Confidences and scores in every layout Python switches between: tiny (1e-05 vs 0.00001), negative zero,
        // whole numbers, 17 significant digits; published_at on a whole second and with microseconds.
        double[] numbers = {1e-05, 3e-7, 0.0001, -0.0, 0.0, 1.0, 0.1 + 0.2, 0.7, 1 / 3.0, 2.5e-5};
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            double confidence = i < numbers.length ? Math.abs(numbers[i]) : random.nextDouble();
            double score = i < numbers.length ? -numbers[numbers.length - 1 - i] : random.nextDouble() * 2 - 1;
            Instant at = Instant.parse("2026-05-11T13:45:00Z").plusNanos(i % 2 == 0 ? 0 : random.nextInt(1_000_000) * 1000L);
            envelopes.add(EnvelopeBuilder.forTarget(Target.equity("T" + i, "2026-05-11"))
                    .synthesis(Verdict.values()[i % 3], confidence, score, "r\"e\\a\nson " + i)
                    .publishedAt(at)
                    .build());
        }
        for (TradingIntelligenceEnvelope envelope : envelopes) {
            EncodedEnvelope typed = EncodedEnvelope.of(envelope);
            EncodedEnvelope wire = EncodedEnvelope.ofWireJson(EnvelopeJson.encode(envelope));
            assertEquals(typed, wire, envelope.correlationId());
            assertEquals(List.copyOf(typed.decisionHashFields().keySet()), List.copyOf(wire.decisionHashFields().keySet()));
        }
    }

    @Test
    void should_name_the_hash_field_that_stored_json_lacks() {
        String json = EnvelopeJson.encode(Envelopes.full()).replace("\"arena_id\"", "\"arena_name\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncodedEnvelope.ofWireJson(json));
        assertEquals("envelope JSON has no arena_id", e.getMessage());
    }

    @Test
    void should_name_a_hash_float_that_is_not_a_number() {
        String json = EnvelopeJson.encode(EnvelopeBuilder.forTarget(Target.equity("NVDA", "2026-05-11"))
                .synthesis(Verdict.BUY, 0.7, 0.25, "r").build()).replace("\"confidence\":0.7", "\"confidence\":\"high\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncodedEnvelope.ofWireJson(json));
        assertEquals("envelope decision.synthesis.confidence is not a JSON number: high", e.getMessage());
    }

    @Test
    void should_refuse_text_that_is_not_a_json_object() {
        assertEquals("envelope JSON is not an object",
                assertThrows(IllegalArgumentException.class, () -> EncodedEnvelope.ofWireJson("[1]")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> EncodedEnvelope.ofWireJson("{\"decision\": "));
    }
}
