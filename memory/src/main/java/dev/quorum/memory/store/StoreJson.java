package dev.quorum.memory.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.json.Json;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON columns of the store. AgentInput is written field by field (snake_case, features in their order) so
 * that a replay reads back exactly what the agent saw: integral features come back as Long, others as Double.
 */
final class StoreJson {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private StoreJson() {
    }

    static String agentInput(AgentInput input) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("ticker", input.ticker());
        node.put("trade_date", input.tradeDate().toString());
        ObjectNode features = node.putObject("features");
        for (Map.Entry<String, Object> feature : input.features().entrySet()) {
            Object value = feature.getValue();
            String key = feature.getKey();
            if (value instanceof Double d && Double.isFinite(d)) {
                features.put(key, d);
            } else if (value instanceof Long l) {
                features.put(key, l);
            } else if (value instanceof Integer i) {
                features.put(key, (long) i);
            } else if (value instanceof String s) {
                features.put(key, s);
            } else {
                throw new IllegalArgumentException("feature '" + key + "' is " + value + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")")
                        + "; only finite Double, Long and String are stored, and absent values are left out of the map");
            }
        }
        ArrayNode headlines = node.putArray("headlines");
        input.headlines().forEach(headlines::add);
        node.put("similar_situations", input.similarSituations());
        return node.toString();
    }

    static AgentInput agentInput(String json) {
        JsonNode node = tree(json);
        Map<String, Object> features = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.get("features").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            features.put(field.getKey(), value.isIntegralNumber() ? (Object) value.longValue()
                    : value.isNumber() ? (Object) value.doubleValue() : value.textValue());
        }
        List<String> headlines = new ArrayList<>();
        node.get("headlines").forEach(h -> headlines.add(h.textValue()));
        return new AgentInput(node.get("ticker").textValue(), LocalDate.parse(node.get("trade_date").textValue()),
                features, headlines, node.get("similar_situations").textValue());
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
