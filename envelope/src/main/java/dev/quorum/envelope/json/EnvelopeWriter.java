package dev.quorum.envelope.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.quorum.envelope.AgentSignalView;
import dev.quorum.envelope.Decision;
import dev.quorum.envelope.SourceMetrics;
import dev.quorum.envelope.Synthesis;
import dev.quorum.envelope.Target;
import dev.quorum.envelope.TradingIntelligenceEnvelope;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Writes an envelope field by field in the seed's declaration order: the order is part of the bytes. */
final class EnvelopeWriter {

    private static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(PydanticEscapes.INSTANCE);

    private EnvelopeWriter() {
    }

    static String write(TradingIntelligenceEnvelope envelope) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("schema_version", envelope.schemaVersion());
            json.writeStringField("arena", envelope.arena());
            json.writeFieldName("decision");
            decision(json, envelope.decision());
            json.writeStringField("published_at", PythonDateTime.pydanticJson(envelope.publishedAt()));
            json.writeStringField("correlation_id", envelope.correlationId());
            json.writeStringField("arena_id", envelope.arenaId());
            json.writeFieldName("meta");
            value(json, envelope.meta());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    private static void decision(JsonGenerator json, Decision decision) throws IOException {
        json.writeStartObject();
        json.writeFieldName("target");
        target(json, decision.target());
        json.writeFieldName("synthesis");
        synthesis(json, decision.synthesis());
        json.writeArrayFieldStart("agent_signals");
        for (AgentSignalView signal : decision.agentSignals()) {
            agentSignal(json, signal);
        }
        json.writeEndArray();
        json.writeFieldName("source_metrics");
        sourceMetrics(json, decision.sourceMetrics());
        json.writeFieldName("phase_timings");
        value(json, decision.phaseTimings());
        json.writeFieldName("arena_total_seconds");
        value(json, decision.arenaTotalSeconds());
        json.writeEndObject();
    }

    private static void target(JsonGenerator json, Target target) throws IOException {
        json.writeStartObject();
        json.writeStringField("ticker", target.ticker());
        json.writeStringField("trade_date", target.tradeDate());
        json.writeStringField("exchange", target.exchange());
        json.writeStringField("asset_class", target.assetClass());
        json.writeEndObject();
    }

    private static void synthesis(JsonGenerator json, Synthesis synthesis) throws IOException {
        json.writeStartObject();
        json.writeStringField("verdict", synthesis.verdict().name());
        floatField(json, "confidence", synthesis.confidence());
        floatField(json, "ensemble_score", synthesis.ensembleScore());
        json.writeStringField("reasoning", synthesis.reasoning());
        json.writeEndObject();
    }

    private static void agentSignal(JsonGenerator json, AgentSignalView signal) throws IOException {
        json.writeStartObject();
        json.writeStringField("agent", signal.agent());
        json.writeStringField("domain", signal.domain());
        json.writeStringField("signal", signal.signal().name());
        floatField(json, "confidence", signal.confidence());
        json.writeStringField("summary", signal.summary());
        json.writeFieldName("key_factors");
        value(json, signal.keyFactors());
        json.writeEndObject();
    }

    private static void sourceMetrics(JsonGenerator json, SourceMetrics metrics) throws IOException {
        json.writeStartObject();
        json.writeNumberField("total_calls", metrics.totalCalls());
        json.writeNumberField("successful", metrics.successful());
        json.writeNumberField("failed", metrics.failed());
        json.writeNumberField("total_bytes", metrics.totalBytes());
        json.writeFieldName("by_source");
        value(json, metrics.bySource());
        json.writeEndObject();
    }

    private static void floatField(JsonGenerator json, String name, double number) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(PythonFloat.pydanticJson(number));
    }

    /** A free-form value; the records guarantee it holds JSON types only. */
    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Double || value instanceof Float) {
            json.writeNumber(PythonFloat.pydanticJson(((Number) value).doubleValue()));
        } else if (value instanceof BigInteger big) {
            json.writeNumber(big);
        } else if (value instanceof Number whole) {
            json.writeNumber(whole.longValue());
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName((String) entry.getKey());
                value(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                value(json, element);
            }
            json.writeEndArray();
        } else {
            throw new IllegalStateException("not a JSON value: " + value.getClass().getName());
        }
    }
}
