package dev.quorum.envelope.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.envelope.AgentSignalView;
import dev.quorum.envelope.Decision;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.EnvelopeBuilder;
import dev.quorum.envelope.InvalidEnvelopeException;
import dev.quorum.envelope.SourceMetrics;
import dev.quorum.envelope.Synthesis;
import dev.quorum.envelope.Target;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.Verdict;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a parsed v1 JSON body into records with pydantic's rules: required fields must be present, absent
 * optional ones take the model's defaults, unknown fields are ignored, bounds are enforced by the records.
 */
final class EnvelopeReader {

    private EnvelopeReader() {
    }

    static TradingIntelligenceEnvelope read(JsonFields root) {
        Decision decision = decision(root.object("decision"));
        Instant publishedAt = root.has("published_at") ? instant(root, "published_at") : Instant.now();
        return at("", () -> new TradingIntelligenceEnvelope(
                root.text("schema_version"),
                root.text("arena", TradingIntelligenceEnvelope.ARENA),
                decision,
                publishedAt,
                root.text("correlation_id", EnvelopeBuilder.newCorrelationId()),
                root.text("arena_id", ""),
                root.optionalObject("meta").map(JsonFields::plain).orElse(Map.of())));
    }

    private static Decision decision(JsonFields json) {
        Target target = target(json.object("target"));
        Synthesis synthesis = synthesis(json.object("synthesis"));
        List<AgentSignalView> signals = new ArrayList<>();
        List<JsonNode> signalNodes = json.array("agent_signals");
        for (int i = 0; i < signalNodes.size(); i++) {
            signals.add(agentSignal(JsonFields.of(signalNodes.get(i), json.path("agent_signals[" + i + "]"))));
        }
        SourceMetrics metrics = json.optionalObject("source_metrics").map(EnvelopeReader::sourceMetrics)
                .orElse(SourceMetrics.NONE);
        List<Map<String, Object>> timings = new ArrayList<>();
        List<JsonNode> timingNodes = json.array("phase_timings");
        for (int i = 0; i < timingNodes.size(); i++) {
            timings.add(JsonFields.of(timingNodes.get(i), json.path("phase_timings[" + i + "]")).plain());
        }
        Double totalSeconds = json.nullableNumber("arena_total_seconds");
        return at(json.path(), () -> new Decision(target, synthesis, signals, metrics, timings, totalSeconds));
    }

    private static Target target(JsonFields json) {
        return at(json.path(), () -> new Target(json.text("ticker"), json.text("trade_date", ""),
                json.text("exchange", ""), json.text("asset_class", Target.DEFAULT_ASSET_CLASS)));
    }

    private static Synthesis synthesis(JsonFields json) {
        return at(json.path(), () -> new Synthesis(constant(json, "verdict", Verdict.class),
                json.number("confidence"), json.number("ensemble_score"), json.text("reasoning", "")));
    }

    private static AgentSignalView agentSignal(JsonFields json) {
        return at(json.path(), () -> new AgentSignalView(json.text("agent"), json.text("domain"),
                constant(json, "signal", Direction.class), json.number("confidence"),
                json.text("summary", ""), json.texts("key_factors")));
    }

    private static SourceMetrics sourceMetrics(JsonFields json) {
        return at(json.path(), () -> new SourceMetrics(json.wholeNumber("total_calls", 0),
                json.wholeNumber("successful", 0), json.wholeNumber("failed", 0),
                json.wholeNumber("total_bytes", 0), json.wholeNumbers("by_source")));
    }

    private static <E extends Enum<E>> E constant(JsonFields json, String name, Class<E> type) {
        String text = json.text(name);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new InvalidEnvelopeException(json.path(name), "must be one of " + List.of(type.getEnumConstants())
                + ", got \"" + text + "\"");
    }

    private static Instant instant(JsonFields json, String name) {
        String text = json.text(name);
        try {
            return PythonDateTime.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidEnvelopeException(json.path(name),
                    "must be an ISO-8601 date-time as pydantic reads it (no offset: UTC), got \"" + text + "\"");
        }
    }

    /**
     * Records name fields relative to themselves; errors already carrying a full path (from {@link JsonFields})
     * pass through, the others get the object's path in front.
     */
    private static <T> T at(String objectPath, Supplier<T> construction) {
        try {
            return construction.get();
        } catch (InvalidEnvelopeException e) {
            if (objectPath.isEmpty() || e.field().startsWith(objectPath + ".")) {
                throw e;
            }
            throw e.within(objectPath);
        }
    }
}
