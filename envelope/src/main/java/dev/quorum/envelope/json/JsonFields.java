package dev.quorum.envelope.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.envelope.InvalidEnvelopeException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, path-aware access to one JSON object of an incoming envelope, applying pydantic's defaults for
 * absent optional fields. Every error names the full wire path ({@code decision.synthesis.confidence}).
 */
final class JsonFields {

    private final JsonNode object;
    private final String path;

    private JsonFields(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    static JsonFields of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new InvalidEnvelopeException(path, "must be a JSON object");
        }
        return new JsonFields(node, path);
    }

    /** This object's own wire path, empty for the root. */
    String path() {
        return path;
    }

    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        return object.has(name);
    }

    JsonFields object(String name) {
        return of(required(name), path(name));
    }

    Optional<JsonFields> optionalObject(String name) {
        return has(name) ? Optional.of(object(name)) : Optional.empty();
    }

    String text(String name) {
        return text(name, required(name));
    }

    String text(String name, String absentDefault) {
        return has(name) ? text(name, object.get(name)) : absentDefault;
    }

    double number(String name) {
        JsonNode node = required(name);
        if (!node.isNumber()) {
            throw new InvalidEnvelopeException(path(name), "must be a number, got " + node.getNodeType());
        }
        return node.doubleValue();
    }

    /** Absent or null both mean "no value", as {@code float | None = None} does. */
    Double nullableNumber(String name) {
        JsonNode node = object.get(name);
        return node == null || node.isNull() ? null : number(name);
    }

    long wholeNumber(String name, long absentDefault) {
        if (!has(name)) {
            return absentDefault;
        }
        return wholeNumber(path(name), object.get(name));
    }

    List<JsonNode> array(String name) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode node = object.get(name);
        if (!node.isArray()) {
            throw new InvalidEnvelopeException(path(name), "must be a JSON array, got " + node.getNodeType());
        }
        List<JsonNode> elements = new ArrayList<>();
        node.forEach(elements::add);
        return elements;
    }

    List<String> texts(String name) {
        List<JsonNode> nodes = array(name);
        List<String> texts = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            texts.add(text(name + "[" + i + "]", nodes.get(i)));
        }
        return texts;
    }

    Map<String, Long> wholeNumbers(String name) {
        Map<String, Long> numbers = new LinkedHashMap<>();
        optionalObject(name).ifPresent(map -> map.object.fields().forEachRemaining(
                field -> numbers.put(field.getKey(), wholeNumber(map.path(field.getKey()), field.getValue()))));
        return numbers;
    }

    /** This object as plain Java values (LinkedHashMap, ArrayList, String, Boolean, Integer/Long/BigInteger, Double, null). */
    Map<String, Object> plain() {
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), plain(field.getValue()));
        }
        return map;
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            return new JsonFields(node, "").plain();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(plain(element)));
            return list;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isIntegralNumber() ? node.numberValue() : (Object) node.doubleValue();
    }

    private JsonNode required(String name) {
        JsonNode node = object.get(name);
        if (node == null) {
            throw new InvalidEnvelopeException(path(name), "is required");
        }
        return node;
    }

    private String text(String name, JsonNode node) {
        if (!node.isTextual()) {
            throw new InvalidEnvelopeException(path(name), "must be a string, got " + node.getNodeType());
        }
        return node.textValue();
    }

    private static long wholeNumber(String fullPath, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidEnvelopeException(fullPath, "must be a whole number, got " + node);
        }
        return node.longValue();
    }
}
