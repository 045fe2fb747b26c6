package dev.quorum.envelope;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The free-form parts of the envelope ({@code meta}, {@code phase_timings}) hold plain JSON values only:
 * null, Boolean, String, whole numbers (Integer, Long, Short, Byte, BigInteger), finite Double/Float,
 * List and Map with String keys. Copies keep insertion order, because order is part of the bytes on the wire.
 */
final class JsonValues {

    private JsonValues() {
    }

    /** An unmodifiable, order-preserving deep copy of {@code object}, or an error naming the first bad value. */
    static Map<String, Object> copyObject(String field, Map<?, ?> object) {
        WireRules.present(field, object);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new InvalidEnvelopeException(field, "keys must be strings, got " + entry.getKey());
            }
            copy.put(key, copyValue(field + "." + key, entry.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    static List<Object> copyArray(String field, List<?> array) {
        WireRules.present(field, array);
        List<Object> copy = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            copy.add(copyValue(field + "[" + i + "]", array.get(i)));
        }
        return Collections.unmodifiableList(copy);
    }

    private static Object copyValue(String field, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            return WireRules.finite(field, ((Number) value).doubleValue());
        }
        if (value instanceof Map<?, ?> map) {
            return copyObject(field, map);
        }
        if (value instanceof List<?> list) {
            return copyArray(field, list);
        }
        throw new InvalidEnvelopeException(field, "must be a JSON value (null, boolean, string, number, list, map), got "
                + value.getClass().getName());
    }
}
