package dev.quorum.agents.prompts;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One part (system or user) of a prompt, parsed: literal text, {@code {{name}}} values and
 * {@code {{#name}}...{{/name}}} / {@code {{^name}}...{{/name}}} sections. Tags never span lines.
 */
final class TemplateText {

    /** Rendered for a value that is absent (a feature that could not be computed). */
    static final String MISSING = "n/a";

    private static final Pattern TAG = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern TAG_BODY = Pattern.compile("\\s*([#^/]?)([a-z][a-z0-9_]*)\\s*");
    /** Two or more line breaks with only blanks between: what a hidden section on a line of its own leaves. */
    private static final Pattern EMPTY_LINES = Pattern.compile("\n[ \t]*\n(?:[ \t]*\n)+");

    private sealed interface Node permits Literal, Value, Section {
    }

    private record Literal(String text) implements Node {
    }

    private record Value(String name) implements Node {
    }

    private record Section(String name, boolean inverted, List<Node> body) implements Node {
    }

    private final List<Node> nodes;

    private TemplateText(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * @param lines      the part's lines
     * @param firstLine  the file line number of {@code lines.get(0)}, for error messages
     * @param known      placeholder names that may appear
     */
    static TemplateText parse(Path file, List<String> lines, int firstLine, Set<String> known)
            throws PromptTemplateException {
        record Open(String name, boolean inverted, int line, List<Node> outer) {
        }
        Deque<Open> open = new ArrayDeque<>();
        List<Node> current = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = firstLine + i;
            String line = lines.get(i);
            Matcher tag = TAG.matcher(line);
            int at = 0;
            while (tag.find()) {
                appendLiteral(current, line.substring(at, tag.start()), file, lineNo);
                at = tag.end();
                Matcher body = TAG_BODY.matcher(tag.group(1));
                if (!body.matches()) {
                    throw new PromptTemplateException(file, lineNo, "unknown placeholder syntax '" + tag.group()
                            + "': use {{name}}, {{#name}}...{{/name}} or {{^name}}...{{/name}} with a lower-case name");
                }
                String kind = body.group(1);
                String name = body.group(2);
                if (!known.contains(name)) {
                    throw new PromptTemplateException(file, lineNo, "unknown placeholder '" + name
                            + "' in '" + tag.group() + "'; known: " + known.stream().sorted().toList());
                }
                switch (kind) {
                    case "#", "^" -> {
                        open.push(new Open(name, kind.equals("^"), lineNo, current));
                        current = new ArrayList<>();
                    }
                    case "/" -> {
                        if (open.isEmpty()) {
                            throw new PromptTemplateException(file, lineNo, "'" + tag.group() + "' closes a section that was never opened");
                        }
                        Open section = open.pop();
                        if (!section.name().equals(name)) {
                            throw new PromptTemplateException(file, lineNo, "'" + tag.group() + "' closes the section '"
                                    + section.name() + "' opened at line " + section.line());
                        }
                        section.outer().add(new Section(name, section.inverted(), List.copyOf(current)));
                        current = section.outer();
                    }
                    default -> current.add(new Value(name));
                }
            }
            appendLiteral(current, line.substring(at), file, lineNo);
            if (i < lines.size() - 1) {
                current.add(new Literal("\n"));
            }
        }
        if (!open.isEmpty()) {
            Open section = open.peek();
            throw new PromptTemplateException(file, section.line(), "section '" + section.name()
                    + "' is never closed (add {{/" + section.name() + "}})");
        }
        return new TemplateText(current);
    }

    private static void appendLiteral(List<Node> nodes, String text, Path file, int lineNo) throws PromptTemplateException {
        if (text.contains("{{") || text.contains("}}")) {
            throw new PromptTemplateException(file, lineNo, "unbalanced braces in '" + text.strip()
                    + "': a placeholder is {{name}} on one line");
        }
        if (!text.isEmpty()) {
            nodes.add(new Literal(text));
        }
    }

    /** Renders with these values; an absent or blank value renders as {@value #MISSING} and hides its sections. */
    String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        render(nodes, values, out);
        // Sections on lines of their own leave empty lines behind when hidden.
        return EMPTY_LINES.matcher(out).replaceAll("\n\n").strip();
    }

    private static void render(List<Node> nodes, Map<String, String> values, StringBuilder out) {
        for (Node node : nodes) {
            if (node instanceof Literal literal) {
                out.append(literal.text());
            } else if (node instanceof Value value) {
                String text = values.get(value.name());
                out.append(text == null || text.isBlank() ? MISSING : text);
            } else if (node instanceof Section section) {
                String text = values.get(section.name());
                boolean present = text != null && !text.isBlank();
                if (present != section.inverted()) {
                    render(section.body(), values, out);
                }
            }
        }
    }
}
