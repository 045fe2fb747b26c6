package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quorum.trader.config.ConfigWords;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Maps {@code QUORUM_<PATH>} variables onto configuration keys: the dotted path upper-cased with dots turned into
 * underscores ({@code memory.recall_k} is {@code QUORUM_MEMORY_RECALL_K}). The variable names are derived from the
 * defaults, which hold every key, so an unknown {@code QUORUM_} variable is a typo and an error. Values are typed by
 * the key they set: numbers and booleans are parsed strictly, lists of strings are comma-separated; lists of objects
 * (agents, endpoints, chain) can only be set in the file.
 */
final class EnvironmentOverrides {

    private final Map<String, List<String>> keysByVariable = new TreeMap<>();
    private final Map<String, JsonNode> defaultsByVariable = new HashMap<>();
    private final String prefix;
    private final Set<String> ignored;

    EnvironmentOverrides(ObjectNode defaults, String prefix, Set<String> ignored) {
        this.prefix = prefix;
        this.ignored = Set.copyOf(ignored);
        index(defaults, List.of());
    }

    private void index(ObjectNode node, List<String> path) {
        node.fields().forEachRemaining(entry -> {
            List<String> keyPath = new java.util.ArrayList<>(path);
            keyPath.add(entry.getKey());
            if (entry.getValue().isObject()) {
                index((ObjectNode) entry.getValue(), keyPath);
            } else {
                String variable = variableOf(String.join(".", keyPath));
                keysByVariable.put(variable, List.copyOf(keyPath));
                defaultsByVariable.put(variable, entry.getValue());
            }
        });
    }

    /** The variable that sets the dotted {@code key}: {@code memory.recall_k} is {@code QUORUM_MEMORY_RECALL_K}. */
    String variableOf(String key) {
        return prefix + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * Writes every {@code QUORUM_} variable of {@code variables} into {@code tree}.
     *
     * @param originOf what set a variable, for error messages: "environment variable QUORUM_HTTP_PORT", "option --policy"
     * @return dotted key to origin, for error messages
     */
    Map<String, String> apply(ObjectNode tree, Map<String, String> variables, UnaryOperator<String> originOf) {
        Map<String, String> origins = new HashMap<>();
        new TreeMap<>(variables).forEach((variable, value) -> {
            if (!variable.startsWith(prefix) || ignored.contains(variable)) {
                return;
            }
            List<String> path = keysByVariable.get(variable);
            if (path == null) {
                // About a hundred names would bury the answer: the nearest ones, and where the full list is.
                throw new ConfigException(variable, "is not a Quorum setting"
                        + ConfigWords.didYouMean(variable, keysByVariable.keySet()).map(s -> "; " + s).orElse("")
                        + " (every key of config/quorum.example.yaml is QUORUM_ and its path in capitals, dots as"
                        + " underscores; README \"Configuration\")");
            }
            String key = String.join(".", path);
            String origin = originOf.apply(variable);
            ObjectNode parent = tree;
            for (String segment : path.subList(0, path.size() - 1)) {
                parent = (ObjectNode) parent.get(segment);
            }
            parent.set(path.get(path.size() - 1), typed(key, origin, defaultsByVariable.get(variable), value));
            origins.put(key, origin);
        });
        return origins;
    }

    private static JsonNode typed(String key, String origin, JsonNode template, String value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (template.isArray()) {
            if (template.size() > 0 && !template.get(0).isTextual()) {
                throw new ConfigException(key, "is a list of settings and can only be set in the configuration file, not by " + origin);
            }
            ArrayNode list = nodes.arrayNode();
            if (value.isBlank()) {
                return list;
            }
            // An empty item (AAPL,,NVDA) is refused, not dropped: it is as likely a name lost in an edit as a typo.
            String[] items = value.split(",", -1);
            for (int i = 0; i < items.length; i++) {
                if (items[i].isBlank()) {
                    throw new ConfigException(key, "item " + (i + 1) + " of '" + value + "' is empty (set by " + origin + ")");
                }
                list.add(items[i].trim());
            }
            return list;
        }
        if (template.isBoolean()) {
            // Any case, as the file reads true and false.
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new ConfigException(key, "expected true or false, got '" + value + "' (set by " + origin + ")");
            }
            return BooleanNode.valueOf(Boolean.parseBoolean(value));
        }
        if (template.isNumber()) {
            try {
                BigDecimal number = new BigDecimal(value.trim());
                return template.isIntegralNumber() ? nodes.numberNode(number.longValueExact()) : nodes.numberNode(number.doubleValue());
            } catch (NumberFormatException | ArithmeticException e) {
                throw new ConfigException(key, "expected " + (template.isIntegralNumber() ? "a whole number" : "a number")
                        + ", got '" + value + "' (set by " + origin + ")");
            }
        }
        return TextNode.valueOf(value);
    }
}
