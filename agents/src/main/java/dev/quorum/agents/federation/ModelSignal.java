package dev.quorum.agents.federation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.quorum.envelope.Direction;

import java.time.Instant;

/**
 * One external model's call as seed 003's model broker reads it:
 * {@code {"action": "BUY|SELL|HOLD", "confidence": 0..1, "timestamp": epoch seconds}}. Other fields (a model may
 * add its own, e.g. {@code symbol}) are ignored, as the seed's broker ignores them.
 *
 * @param action     BUY, SELL or HOLD
 * @param confidence in [0, 1]
 * @param timestamp  when the model made the call
 */
public record ModelSignal(String action, double confidence, Instant timestamp) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The panel's direction for the seed's action: BUY is BULLISH, SELL BEARISH, HOLD NEUTRAL. */
    public Direction direction() {
        return switch (action) {
            case "BUY" -> Direction.BULLISH;
            case "SELL" -> Direction.BEARISH;
            default -> Direction.NEUTRAL;
        };
    }

    /**
     * Validates the seed's structure.
     *
     * @throws IllegalArgumentException with a one-line reason naming the offending field
     */
    public static ModelSignal parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        JsonNode action = node.get("action");
        if (action == null || !action.isTextual()
                || !(action.asText().equals("BUY") || action.asText().equals("SELL") || action.asText().equals("HOLD"))) {
            throw new IllegalArgumentException("action must be \"BUY\", \"SELL\" or \"HOLD\", was " + action);
        }
        JsonNode confidence = node.get("confidence");
        if (confidence == null || !confidence.isNumber() || !(confidence.asDouble() >= 0.0 && confidence.asDouble() <= 1.0)) {
            throw new IllegalArgumentException("confidence must be a number in [0, 1], was " + confidence);
        }
        JsonNode timestamp = node.get("timestamp");
        if (timestamp == null || !timestamp.isNumber() || timestamp.asDouble() < 0) {
            throw new IllegalArgumentException("timestamp must be epoch seconds, was " + timestamp);
        }
        long millis = Math.round(timestamp.asDouble() * 1000.0);
        return new ModelSignal(action.asText(), confidence.asDouble(), Instant.ofEpochMilli(millis));
    }
}
