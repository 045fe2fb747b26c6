package dev.quorum.agents.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One JSON object from a model, read field by field with no coercion: a string where a number is expected,
 * a missing or an extra field, a duplicate key, trailing text after the object, all reject the reply.
 * {@link StructuredOutput} parsers are written with it.
 */
public final class StrictJsonObject {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JsonNode node;

    private StrictJsonObject(JsonNode node) {
        this.node = node;
    }

    /**
     * Parses {@code content} as exactly one JSON object with exactly these fields.
     *
     * @throws InvalidOutputException when it is not JSON, not an object, or its field names differ
     */
    public static StrictJsonObject parse(String content, Set<String> fields) throws InvalidOutputException {
        if (content == null || content.isBlank()) {
            throw new InvalidOutputException("empty reply");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(content);
        } catch (JsonProcessingException e) {
            throw new InvalidOutputException("not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidOutputException("expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
        }
        Set<String> actual = new TreeSet<>();
        node.fieldNames().forEachRemaining(actual::add);
        Set<String> missing = new TreeSet<>(fields);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(fields);
        if (!missing.isEmpty()) {
            throw new InvalidOutputException("missing field(s) " + missing);
        }
        if (!extra.isEmpty()) {
            throw new InvalidOutputException("unexpected field(s) " + extra);
        }
        return new StrictJsonObject(node);
    }

    /** A string of at most {@code maxChars} characters that is not blank. */
    public String text(String field, int maxChars) throws InvalidOutputException {
        return text(node.get(field), field, maxChars);
    }

    /** A string that must be one of the enum's constant names, exactly (no case folding). */
    public <E extends Enum<E>> E constant(String field, Class<E> type) throws InvalidOutputException {
        String value = text(field, 64);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new InvalidOutputException(field + ": '" + value + "' is not one of " + List.of(type.getEnumConstants()));
    }

    /** A JSON number in [min, max] (a numeric string is rejected). */
    public double number(String field, double min, double max) throws InvalidOutputException {
        JsonNode value = node.get(field);
        if (!value.isNumber()) {
            throw new InvalidOutputException(field + ": expected a number, got " + value.getNodeType());
        }
        double number = value.doubleValue();
        if (!(number >= min && number <= max)) {
            throw new InvalidOutputException(field + ": " + number + " is outside [" + min + ", " + max + "]");
        }
        return number;
    }

    /** An array of at most {@code maxItems} non-blank strings of at most {@code maxChars} each. */
    public List<String> texts(String field, int maxItems, int maxChars) throws InvalidOutputException {
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw new InvalidOutputException(field + ": expected an array, got " + value.getNodeType());
        }
        if (value.size() > maxItems) {
            throw new InvalidOutputException(field + ": " + value.size() + " items, at most " + maxItems + " allowed");
        }
        List<String> texts = new ArrayList<>();
        Iterator<JsonNode> items = value.elements();
        for (int i = 0; items.hasNext(); i++) {
            texts.add(text(items.next(), field + "[" + i + "]", maxChars));
        }
        return List.copyOf(texts);
    }

    private static String text(JsonNode value, String field, int maxChars) throws InvalidOutputException {
        if (!value.isTextual()) {
            throw new InvalidOutputException(field + ": expected a string, got " + value.getNodeType());
        }
        String text = value.textValue();
        if (text.isBlank()) {
            throw new InvalidOutputException(field + ": is blank");
        }
        if (text.length() > maxChars) {
            throw new InvalidOutputException(field + ": " + text.length() + " characters, at most " + maxChars + " allowed");
        }
        return text;
    }
}
