package dev.quorum.envelope.publish;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.envelope.json.PythonFloat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An envelope as it goes on the wire: its JSON (the stream entry) and its decision hash's fields.
 *
 * <p>Two ways in. {@link #of} encodes a typed envelope. {@link #ofWireJson} takes JSON this project already encoded
 * (the outbox stores it) and reads only the hash's fields from it with a streaming parser: the JSON is published
 * byte for byte as stored, and draining a backlog does not pay for decoding and re-encoding every envelope (that
 * was two thirds of the drain's CPU). The two agree field for field ({@code EncodedEnvelopeTest}).
 */
public record EncodedEnvelope(String json, Map<String, String> decisionHashFields) {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** The hash fields read from the wire JSON, by their path in the envelope. */
    private static final List<String> WIRE_PATHS = List.of(
            "decision.target.ticker", "decision.target.trade_date", "decision.synthesis.verdict",
            "decision.synthesis.confidence", "decision.synthesis.ensemble_score", "published_at", "correlation_id",
            "arena_id");

    /** The objects on the way to those fields; every other object and array is skipped whole. */
    private static final Set<String> OBJECTS_ON_THE_WAY = Set.of("decision", "decision.target", "decision.synthesis");

    public EncodedEnvelope {
        Objects.requireNonNull(json, "json");
        decisionHashFields = Collections.unmodifiableMap(new LinkedHashMap<>(decisionHashFields));
    }

    /** Encodes a typed envelope. */
    public static EncodedEnvelope of(TradingIntelligenceEnvelope envelope) {
        String json = EnvelopeJson.encode(envelope);
        return new EncodedEnvelope(json, DecisionHashFields.of(envelope, json));
    }

    /**
     * Wire JSON this project encoded earlier (from {@link EnvelopeJson#encode}), with its hash fields read back.
     *
     * @throws IllegalArgumentException naming the first hash field the JSON lacks, or when it is not JSON
     */
    public static EncodedEnvelope ofWireJson(String json) {
        Map<String, String> wire = scalarsAt(json);
        for (String path : WIRE_PATHS) {
            if (!wire.containsKey(path)) {
                throw new IllegalArgumentException("envelope JSON has no " + path);
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("json", json);
        fields.put("ticker", wire.get("decision.target.ticker"));
        fields.put("trade_date", wire.get("decision.target.trade_date"));
        fields.put("verdict", wire.get("decision.synthesis.verdict"));
        // pydantic's JSON and Python's str() print the same shortest digits in different layouts (0.00001 vs 1e-05).
        fields.put("confidence", pythonFloat(wire, "decision.synthesis.confidence"));
        fields.put("ensemble_score", pythonFloat(wire, "decision.synthesis.ensemble_score"));
        fields.put("published_at", isoformat(wire.get("published_at")));
        fields.put("correlation_id", wire.get("correlation_id"));
        fields.put("arena_id", wire.get("arena_id"));
        return new EncodedEnvelope(json, fields);
    }

    /** The ticker the decision hash is keyed by; empty for a degraded run with no target. */
    public String ticker() {
        return decisionHashFields.get("ticker");
    }

    public String tradeDate() {
        return decisionHashFields.get("trade_date");
    }

    private static String pythonFloat(Map<String, String> wire, String path) {
        try {
            return PythonFloat.reprOfPydanticJson(wire.get(path));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("envelope " + path + " is " + e.getMessage(), e);
        }
    }

    /** pydantic writes a UTC datetime ending in {@code Z}, {@code datetime.isoformat()} in {@code +00:00}. */
    private static String isoformat(String pydanticJson) {
        if (!pydanticJson.endsWith("Z")) {
            throw new IllegalArgumentException("envelope published_at is not a UTC time: " + pydanticJson);
        }
        return pydanticJson.substring(0, pydanticJson.length() - 1) + "+00:00";
    }

    /**
     * The scalar values at the wanted paths (objects only: arrays are skipped whole), as their JSON text. The JSON after
     * the last of them is not read (parsing was the drain's largest Java work in a profile): this project encoded it and stored it in the
     * same transaction as its decision, and it goes out as stored.
     */
    private static Map<String, String> scalarsAt(String json) {
        Map<String, String> found = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("envelope JSON is not an object");
            }
            readObject(parser, "", found);
        } catch (IOException e) {
            throw new IllegalArgumentException("envelope JSON does not parse: " + e.getMessage(), e);
        }
        return found;
    }

    private static void readObject(JsonParser parser, String prefix, Map<String, String> found) throws IOException {
        // Reading stops at the last wanted field: what follows (meta) holds many tokens and none is wanted.
        while (found.size() < WIRE_PATHS.size() && parser.nextToken() == JsonToken.FIELD_NAME) {
            String path = prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT && OBJECTS_ON_THE_WAY.contains(path)) {
                readObject(parser, path + ".", found);
            } else if (value.isStructStart()) {
                parser.skipChildren();
            } else if (WIRE_PATHS.contains(path)) {
                found.put(path, parser.getText());
            }
        }
    }
}
