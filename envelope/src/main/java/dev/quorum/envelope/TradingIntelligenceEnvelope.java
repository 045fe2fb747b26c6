package dev.quorum.envelope;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The v1 envelope published to {@code maf:arena:trading_intelligence:output}. Build one with
 * {@link EnvelopeBuilder}; encode and decode it with {@code dev.quorum.envelope.json.EnvelopeJson}.
 *
 * @param publishedAt   kept to the microsecond, the precision of the Python side
 * @param correlationId a uuid4 as 32 lowercase hex digits when built here
 * @param meta          free-form JSON object; built envelopes always carry {@code agents_count} and {@code model_used}
 */
public record TradingIntelligenceEnvelope(String schemaVersion, String arena, Decision decision, Instant publishedAt,
                                          String correlationId, String arenaId, Map<String, Object> meta) {

    public static final String SCHEMA_VERSION = "1";
    public static final String ARENA = "trading_intelligence";

    public TradingIntelligenceEnvelope {
        WireRules.equalTo("schema_version", SCHEMA_VERSION, schemaVersion);
        WireRules.equalTo("arena", ARENA, arena);
        WireRules.present("decision", decision);
        publishedAt = WireRules.present("published_at", publishedAt).truncatedTo(ChronoUnit.MICROS);
        WireRules.present("correlation_id", correlationId);
        WireRules.present("arena_id", arenaId);
        meta = JsonValues.copyObject("meta", meta);
    }
}
