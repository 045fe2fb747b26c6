package dev.quorum.envelope.json;

import dev.quorum.envelope.CapturedLogs;
import dev.quorum.envelope.Envelopes;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeJsonTest {

    private static final String FULL = GoldenFixtures.read("golden-full.json");
    private static final String DEGRADED = GoldenFixtures.read("golden-degraded.json");

    @Test
    void should_write_the_same_bytes_as_pydantic_for_the_full_golden_envelope() {
        assertEquals(FULL, EnvelopeJson.encode(Envelopes.full()));
    }

    @Test
    void should_write_the_same_bytes_as_pydantic_for_the_degraded_golden_envelope() {
        assertEquals(DEGRADED, EnvelopeJson.encode(Envelopes.degraded()));
    }

    @Test
    void should_decode_golden_envelopes_to_the_records_that_wrote_them() {
        assertEquals(Optional.of(Envelopes.full()), EnvelopeJson.decode(FULL));
        assertEquals(Optional.of(Envelopes.degraded()), EnvelopeJson.decode(DEGRADED.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void should_ignore_unknown_fields_at_every_level() {
        String withExtras = FULL.replace("\"schema_version\":\"1\",", "\"schema_version\":\"1\",\"added_in_v1_1\":[1,2],")
                .replace("\"verdict\":\"BUY\",", "\"verdict\":\"BUY\",\"horizon\":\"5d\",");
        assertEquals(Optional.of(Envelopes.full()), EnvelopeJson.decode(withExtras));
    }

    @Test
    void should_apply_the_python_defaults_for_absent_optional_fields() {
        String minimal = "{\"schema_version\":\"1\",\"decision\":{\"target\":{\"ticker\":\"AAPL\"},"
                + "\"synthesis\":{\"verdict\":\"SELL\",\"confidence\":1,\"ensemble_score\":-1}},"
                + "\"published_at\":\"2026-05-11T13:45:00+00:00\",\"correlation_id\":\"c\"}";
        TradingIntelligenceEnvelope decoded = EnvelopeJson.decode(minimal).orElseThrow();
        assertEquals("equity", decoded.decision().target().assetClass());
        assertEquals("", decoded.decision().target().tradeDate());
        assertEquals(-1.0, decoded.decision().synthesis().ensembleScore());
        assertEquals(null, decoded.decision().arenaTotalSeconds());
        assertTrue(decoded.meta().isEmpty());
    }

    /** What pydantic writes for a naive {@code published_at} (a Python publisher using {@code datetime.utcnow()}). */
    @Test
    void should_decode_a_published_at_without_offset_as_utc_as_the_python_consumer_accepts_it() {
        String aware = "\"published_at\":\"2026-05-11T13:45:00.123456Z\"";
        assertTrue(FULL.contains(aware), FULL);
        String naive = FULL.replace(aware, "\"published_at\":\"2026-05-11T13:45:00.123456\"");
        assertEquals(Optional.of(Envelopes.full()), EnvelopeJson.decode(naive));
    }

    @Test
    void should_skip_a_v2_envelope_with_a_warning_that_this_consumer_speaks_v1() {
        try (CapturedLogs logs = new CapturedLogs()) {
            DecodeResult result = EnvelopeJson.read(FULL.replace("\"schema_version\":\"1\"", "\"schema_version\":\"2\""));
            assertEquals(SkipReason.UNSUPPORTED_SCHEMA_VERSION, assertInstanceOf(DecodeResult.Skipped.class, result).reason());
            assertTrue(logs.text().contains("WARN") && logs.text().contains("this consumer speaks v1"), logs.text());
        }
    }

    @Test
    void should_skip_malformed_json_without_throwing() {
        for (String bad : new String[] {"", "{", "not json", FULL + " trailing", "{\"schema_version\":\"1\",}"}) {
            assertEquals(SkipReason.MALFORMED_JSON, reason(EnvelopeJson.read(bad)), bad);
        }
        assertEquals(SkipReason.MALFORMED_JSON, reason(EnvelopeJson.read(new byte[] {'{', (byte) 0xC3, '}'})));
    }

    @Test
    void should_skip_a_body_that_breaks_the_contract_and_name_the_field() {
        DecodeResult result = EnvelopeJson.read(FULL.replace("\"confidence\":0.8", "\"confidence\":1.2"));
        DecodeResult.Skipped skipped = assertInstanceOf(DecodeResult.Skipped.class, result);
        assertEquals(SkipReason.INVALID_BODY, skipped.reason());
        assertTrue(skipped.detail().contains("decision.agent_signals[0].confidence must be within [0, 1]"), skipped.detail());

        assertEquals(SkipReason.INVALID_BODY, reason(EnvelopeJson.read(FULL.replace("\"verdict\":\"BUY\"", "\"verdict\":\"STRONG_BUY\""))));
        assertEquals(SkipReason.INVALID_BODY, reason(EnvelopeJson.read(FULL.replace("\"ticker\":\"NVDA\",", ""))));
        assertEquals(SkipReason.INVALID_BODY, reason(EnvelopeJson.read(FULL.replace("\"arena\":\"trading_intelligence\"", "\"arena\":\"mastermind\""))));
        assertEquals(SkipReason.INVALID_BODY, reason(EnvelopeJson.read(FULL.replace("\"total_calls\":7", "\"total_calls\":\"7\""))));
        assertEquals(SkipReason.INVALID_BODY, reason(EnvelopeJson.read("[1,2]")));
    }

    private static SkipReason reason(DecodeResult result) {
        return assertInstanceOf(DecodeResult.Skipped.class, result).reason();
    }
}
