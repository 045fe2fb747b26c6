package dev.quorum.trader.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The operator's words for what the YAML parser and the binder report, shared by Quorum's configuration loader and
 * the trader's: a syntax error as one line with its line and column (SnakeYAML's own message spans six lines and
 * ends in a caret), a value of the wrong shape as "expected a mapping, got a list" (not Jackson's class and token
 * names), and the closest known name for a misspelt one.
 */
public final class ConfigWords {

    private static final java.util.regex.Pattern GOT = java.util.regex.Pattern.compile("from ([A-Za-z-]+) value");

    private ConfigWords() {
    }

    /**
     * "line 2, column 1: expected ',' or ']', but got <stream end> (while parsing a flow sequence that starts at line 1,
     * column 12)" when {@code e} comes from a YAML syntax error; empty for any other problem.
     */
    public static Optional<String> yamlSyntax(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                Mark at = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
                String problem = oneLine(marked.getProblem());
                if (problem.contains("(TAB)")) {
                    problem = "a tab character, which YAML does not allow in indentation (indent with spaces)";
                }
                String context = "";
                if (marked.getContext() != null && marked.getContextMark() != null && marked.getContextMark() != at) {
                    context = " (" + oneLine(marked.getContext()) + " that starts at " + position(marked.getContextMark()) + ")";
                }
                return Optional.of((at == null ? "" : position(at) + ": ") + problem + context);
            }
        }
        return Optional.empty();
    }

    /** "expected a mapping (key: value lines), got a list": what the key's type needs and what the file holds. */
    public static String expectedGot(Class<?> type, JsonMappingException e) {
        return "expected " + expected(type) + got(e).map(got -> ", got " + got).orElse("");
    }

    /** What a value of {@code type} is written as in YAML, in the operator's words. */
    public static String expected(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getFields())
                    .filter(java.lang.reflect.Field::isEnumConstant)
                    .map(f -> Optional.ofNullable(f.getAnnotation(JsonProperty.class)).map(JsonProperty::value).orElse(f.getName()))
                    .collect(Collectors.joining("|"));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping (key: value lines)";
    }

    /**
     * What the file holds where the binder stopped. Jackson names it only in its message ("from Array value (token
     * `JsonToken.START_ARRAY`)", "from String value"); the parser has moved on by the time the error arrives.
     */
    private static Optional<String> got(JsonMappingException e) {
        java.util.regex.Matcher value = GOT.matcher(String.valueOf(e.getOriginalMessage()));
        if (!value.find()) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (value.group(1)) {
            case "Array" -> "a list";
            case "Object" -> "a mapping";
            case "String" -> "a text value";
            case "Integer", "Floating-point" -> "a number";
            case "Boolean" -> "true/false";
            case "Null" -> "an empty value";
            default -> null;
        });
    }

    /**
     * "did you mean QUORUM_HTTP_PORT?" naming the known name(s) nearest to {@code name} (letters added, removed,
     * replaced or swapped); empty when none is near enough to be a likely typo.
     */
    public static Optional<String> didYouMean(String name, Collection<String> known) {
        List<String> closest = closest(name, known);
        return closest.isEmpty() ? Optional.empty() : Optional.of("did you mean " + String.join(" or ", closest) + "?");
    }

    /** The known names at the smallest edit distance from {@code name}, at most three, when that distance is small. */
    static List<String> closest(String name, Collection<String> known) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        // A quarter of the name, at least 2: "prot" -> "port" (1 swap) and "paralel" -> "parallel" (1) are typos,
        // "bind" -> "port" (4) is not.
        int limit = Math.max(2, lower.length() / 4);
        int best = known.stream().mapToInt(k -> distance(lower, k.toLowerCase(java.util.Locale.ROOT))).min().orElse(Integer.MAX_VALUE);
        if (best > limit) {
            return List.of();
        }
        return known.stream().filter(k -> distance(lower, k.toLowerCase(java.util.Locale.ROOT)) == best)
                .sorted().limit(3).toList();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours, each 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String position(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }
}
