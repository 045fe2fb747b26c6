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
 * {@link StructuredOutput} parsers are written with it: read every field, then {@link #requireValid()}.
 *
 * <p>Every violation is collected, not only the first: the re-ask tells the model everything that was wrong with
 * its reply (each enum value with the allowed ones, each range, each length, each missing or extra field), so
 * one re-ask can fix it. A field that broke its rule reads as {@code null} (numbers as NaN) until then.
 */
public final class StrictJsonObject {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JsonNode node;
    private final List<String> violations = new ArrayList<>();

    private StrictJsonObject(JsonNode node) {
        this.node = node;
    }

    /**
     * Parses {@code content} as exactly one JSON object that should have exactly these fields; missing and extra
     * fields are violations reported by {@link #requireValid()}, with the fields of every other violation.
     *
     * @throws InvalidOutputException when it is not JSON or not an object (nothing more can be read)
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
        StrictJsonObject json = new StrictJsonObject(node);
        Set<String> actual = new TreeSet<>();
        node.fieldNames().forEachRemaining(actual::add);
        Set<String> missing = new TreeSet<>(fields);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(fields);
        if (!missing.isEmpty()) {
            json.violations.add("missing field(s) " + missing);
        }
        if (!extra.isEmpty()) {
            json.violations.add("unexpected field(s) " + extra + " (only " + new TreeSet<>(fields) + " are allowed)");
        }
        return json;
    }

    /**
     * @throws InvalidOutputException listing every violation found while reading, in reading order, when there was one
     */
    public void requireValid() throws InvalidOutputException {
        if (violations.size() == 1) {
            throw new InvalidOutputException(violations.get(0));
        }
        if (!violations.isEmpty()) {
            throw new InvalidOutputException(violations.size() + " problems: " + String.join("; ", violations));
        }
    }

    /** A string of at most {@code maxChars} characters that is not blank; null when absent or broken. */
    public String text(String field, int maxChars) {
        return node.has(field) ? text(node.get(field), field, maxChars) : null;
    }

    /** A string that must be one of the enum's constant names, exactly (no case folding); null when absent or broken. */
    public <E extends Enum<E>> E constant(String field, Class<E> type) {
        if (!node.has(field)) {
            return null;
        }
        String value = text(node.get(field), field, 64);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        violations.add(field + ": '" + value + "' is not one of " + List.of(type.getEnumConstants()));
        return null;
    }

    /** A JSON number in [min, max] (a numeric string is rejected); NaN when absent or broken. */
    public double number(String field, double min, double max) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Double.NaN;
        }
        if (!value.isNumber()) {
            violations.add(field + ": expected a number in [" + min + ", " + max + "], got " + value.getNodeType());
            return Double.NaN;
        }
        double number = value.doubleValue();
        if (!(number >= min && number <= max)) {
            violations.add(field + ": " + number + " is outside [" + min + ", " + max + "]");
            return Double.NaN;
        }
        return number;
    }

    /** An array of at most {@code maxItems} non-blank strings of at most {@code maxChars} each; null when absent or broken. */
    public List<String> texts(String field, int maxItems, int maxChars) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            violations.add(field + ": expected an array of at most " + maxItems + " strings, got " + value.getNodeType());
            return null;
        }
        int before = violations.size();
        if (value.size() > maxItems) {
            violations.add(field + ": " + value.size() + " items, at most " + maxItems + " allowed");
        }
        List<String> texts = new ArrayList<>();
        Iterator<JsonNode> items = value.elements();
        for (int i = 0; items.hasNext(); i++) {
            texts.add(text(items.next(), field + "[" + i + "]", maxChars));
        }
        return violations.size() > before ? null : List.copyOf(texts);
    }

    private String text(JsonNode value, String field, int maxChars) {
        if (!value.isTextual()) {
            violations.add(field + ": expected a string of 1 to " + maxChars + " characters, got " + value.getNodeType());
            return null;
        }
        String text = value.textValue();
        if (text.isBlank()) {
            violations.add(field + ": is blank");
            return null;
        }
        if (text.length() > maxChars) {
            violations.add(field + ": " + text.length() + " characters, at most " + maxChars + " allowed");
            return null;
        }
        return text;
    }
}
