package dev.quorum.memory.outcomes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.envelope.Direction;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Seed 001's feedback payload, reported once a position opened on a decision is closed:
 * <pre>{@code
 * {"decision_id": "<correlation id>", "symbol": "AAPL", "entry_price": 150.0, "exit_price": 157.5,
 *  "actual_profit": 75.0, "hold_duration": 5,
 *  "agent_votes": {"technical": {"direction": "LONG", "confidence": 0.85, "position_size": 10}}}
 * }</pre>
 * {@code actual_profit} is in dollars; {@code hold_duration} in days; {@code agent_votes} is optional and, when
 * given, must match the stored votes ({@code direction}: LONG/BULLISH, SHORT/BEARISH, HOLD/NEUTRAL).
 * Unknown fields are refused, so a misspelt field is never silently ignored.
 */
public record FeedbackPayload(String decisionId, String symbol, double entryPrice, double exitPrice, double actualProfit,
                              int holdDuration, Map<String, Vote> agentVotes) {

    /** One agent's vote as the payload reports it. */
    public record Vote(Direction direction, OptionalDouble confidence, OptionalDouble positionSize) {
    }

    /** Longest plausible hold: ten years of days. */
    static final int MAX_HOLD_DAYS = 3650;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> FIELDS = Set.of("decision_id", "symbol", "entry_price", "exit_price", "actual_profit",
            "hold_duration", "agent_votes");
    private static final Set<String> VOTE_FIELDS = Set.of("direction", "confidence", "position_size");

    public FeedbackPayload {
        agentVotes = Map.copyOf(agentVotes);
    }

    /**
     * Parses and checks the payload on its own (the checks against the stored decision are the recorder's).
     *
     * @throws OutcomeRejectedException naming the field at fault
     */
    public static FeedbackPayload parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new OutcomeRejectedException("payload", "not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new OutcomeRejectedException("payload", "must be a JSON object");
        }
        rejectUnknown(root, FIELDS, "");
        String decisionId = text(root, "decision_id");
        String symbol = text(root, "symbol");
        double entry = positive(root, "entry_price");
        double exit = positive(root, "exit_price");
        double profit = number(root, "actual_profit");
        JsonNode hold = required(root, "hold_duration");
        if (!hold.isIntegralNumber() || hold.asLong() < 1 || hold.asLong() > MAX_HOLD_DAYS) {
            throw new OutcomeRejectedException("hold_duration", "must be a whole number of days in [1, " + MAX_HOLD_DAYS + "], was " + hold);
        }
        Map<String, Vote> votes = new LinkedHashMap<>();
        JsonNode votesNode = root.get("agent_votes");
        if (votesNode != null && !votesNode.isNull()) {
            if (!votesNode.isObject()) {
                throw new OutcomeRejectedException("agent_votes", "must be an object of agent name to vote");
            }
            Iterator<Map.Entry<String, JsonNode>> voteEntries = votesNode.fields();
            while (voteEntries.hasNext()) {
                Map.Entry<String, JsonNode> agentVote = voteEntries.next();
                votes.put(agentVote.getKey(), vote("agent_votes." + agentVote.getKey(), agentVote.getValue()));
            }
        }
        return new FeedbackPayload(decisionId, symbol, entry, exit, profit, hold.asInt(), votes);
    }

    private static Vote vote(String path, JsonNode node) {
        if (!node.isObject()) {
            throw new OutcomeRejectedException(path, "must be an object with direction, confidence, position_size");
        }
        rejectUnknown(node, VOTE_FIELDS, path + ".");
        String direction = text(node, "direction", path + ".direction");
        Direction parsed = switch (direction.toUpperCase(java.util.Locale.ROOT)) {
            case "LONG", "BULLISH", "BUY" -> Direction.BULLISH;
            case "SHORT", "BEARISH", "SELL" -> Direction.BEARISH;
            case "HOLD", "NEUTRAL" -> Direction.NEUTRAL;
            default -> throw new OutcomeRejectedException(path + ".direction",
                    "must be LONG, SHORT or HOLD (or BULLISH, BEARISH, NEUTRAL), was \"" + direction + "\"");
        };
        OptionalDouble confidence = OptionalDouble.empty();
        if (node.hasNonNull("confidence")) {
            JsonNode c = node.get("confidence");
            if (!c.isNumber() || c.asDouble() < 0 || c.asDouble() > 1) {
                throw new OutcomeRejectedException(path + ".confidence", "must be a number in [0, 1], was " + c);
            }
            confidence = OptionalDouble.of(c.asDouble());
        }
        OptionalDouble size = OptionalDouble.empty();
        if (node.hasNonNull("position_size")) {
            JsonNode s = node.get("position_size");
            if (!s.isNumber() || !Double.isFinite(s.asDouble()) || s.asDouble() < 0) {
                throw new OutcomeRejectedException(path + ".position_size", "must be a number >= 0, was " + s);
            }
            size = OptionalDouble.of(s.asDouble());
        }
        return new Vote(parsed, confidence, size);
    }

    private static void rejectUnknown(JsonNode node, Set<String> known, String prefix) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new OutcomeRejectedException(prefix + name, "unknown field; expected one of " + known.stream().sorted().toList());
            }
        });
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new OutcomeRejectedException(field, "is required");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, field);
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new OutcomeRejectedException(path, "is required");
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new OutcomeRejectedException(path, "must be a non-empty string, was " + value);
        }
        return value.textValue();
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new OutcomeRejectedException(field, "must be a finite number, was " + value);
        }
        return value.asDouble();
    }

    private static double positive(JsonNode node, String field) {
        double value = number(node, field);
        if (value <= 0) {
            throw new OutcomeRejectedException(field, "must be > 0, was " + value);
        }
        return value;
    }
}
