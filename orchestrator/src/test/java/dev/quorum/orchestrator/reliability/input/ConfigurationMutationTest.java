package dev.quorum.orchestrator.reliability.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.quorum.orchestrator.config.ConfigException;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.reliability.Fuzz;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random mutations of {@code config/quorum.example.yaml}. A mutation that cannot be a valid setting (a value of the
 * wrong type, a negative count, a fraction where a whole number belongs, an unknown key) must be refused with a
 * {@link ConfigException} naming exactly that key; a textual mutation (characters inserted, deleted, lines
 * shuffled) may load or not, but never fails any other way and never shows the operator a Java class name.
 */
class ConfigurationMutationTest {

    private static final Path EXAMPLE = ProjectPaths.root().resolve("config/quorum.example.yaml");
    /** Settings a mutation must not touch: secrets are refused for their own reason, tested elsewhere. */
    private static final Set<String> SECRET_OR_PATH_KEYS = Set.of("http.token", "credentials_file");

    private final YAMLMapper yaml = new YAMLMapper();

    @TempDir
    Path dir;

    /** A leaf of the example tree, by its dotted path as the loader names keys ({@code agents[1].backend}). */
    private record Leaf(String key, JsonNode parent, String field, int index, JsonNode value) {
        void replace(JsonNode replacement) {
            if (parent instanceof ObjectNode object) {
                object.set(field, replacement);
            } else {
                ((ArrayNode) parent).set(index, replacement);
            }
        }
    }

    private static void leaves(JsonNode node, String key, JsonNode parent, String field, int index, List<Leaf> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> leaves(e.getValue(), key.isEmpty() ? e.getKey() : key + "." + e.getKey(),
                    node, e.getKey(), -1, out));
        } else if (node.isArray()) {
            out.add(new Leaf(key, parent, field, index, node));
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), key + "[" + i + "]", node, null, i, out);
            }
        } else if (!node.isNull() && !SECRET_OR_PATH_KEYS.contains(key)) {
            out.add(new Leaf(key, parent, field, index, node));
        }
    }

    private JsonNode example() throws IOException {
        return yaml.readTree(EXAMPLE.toFile());
    }

    /** A value no setting of {@code original}'s kind can accept. */
    private static JsonNode impossibleFor(JsonNode original, Fuzz fuzz) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode mapping = nodes.objectNode().put("oops", fuzz.nastyText());
        if (original.isArray()) {
            return fuzz.chance(0.5) ? mapping : nodes.numberNode(fuzz.nextInt(1000) - 500);
        }
        if (original.isBoolean()) {
            return fuzz.chance(0.5) ? mapping : nodes.textNode(fuzz.pick(List.of("perhaps", "2", "enabled", "t rue")));
        }
        if (original.isIntegralNumber()) {
            return switch (fuzz.nextInt(4)) {
                case 0 -> mapping;
                case 1 -> nodes.textNode("twelve" + fuzz.nextInt(99));
                case 2 -> nodes.numberNode(-1 - fuzz.nextInt(100_000));
                default -> nodes.numberNode(original.asLong() + 0.5);
            };
        }
        if (original.isNumber()) {
            return switch (fuzz.nextInt(3)) {
                case 0 -> mapping;
                case 1 -> nodes.textNode("lots");
                default -> nodes.numberNode(-1.5 - fuzz.nextInt(100));
            };
        }
        return fuzz.chance(0.5) ? mapping : nodes.arrayNode().add(fuzz.nastyText()).add(fuzz.nastyText());
    }

    private ConfigException refusal(String yamlText, String what) throws IOException {
        Path file = dir.resolve("quorum.yaml");
        Files.writeString(file, yamlText);
        try {
            new ConfigLoader(Map.of()).from(Optional.of(file));
        } catch (ConfigException e) {
            assertReadable(e, what);
            return e;
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": failed with " + e + " instead of a ConfigException", e);
        }
        return fail(what + ": accepted silently:\n" + yamlText);
    }

    private static void assertReadable(ConfigException e, String what) {
        String message = e.getMessage();
        assertFalse(message == null || message.isBlank(), what + ": empty message");
        for (String internal : List.of("dev.quorum.", "java.lang.", "com.fasterxml.", "\tat ", "Exception")) {
            assertFalse(message.contains(internal), what + ": the operator sees '" + internal + "': " + message);
        }
    }

    @Test
    void should_refuse_every_impossible_value_naming_its_key() throws IOException {
        Fuzz fuzz = Fuzz.seeded("config-values");
        for (int i = 0; i < Fuzz.cases(300); i++) {
            JsonNode tree = example();
            List<Leaf> leaves = new ArrayList<>();
            leaves(tree, "", null, null, -1, leaves);
            Leaf leaf = fuzz.pick(leaves);
            JsonNode bad = impossibleFor(leaf.value(), fuzz);
            leaf.replace(bad);
            String what = "seed " + fuzz.seed() + " case " + i + ": " + leaf.key() + " = " + bad;

            ConfigException e = refusal(yaml.writeValueAsString(tree), what);

            assertTrue(e.key().equals(leaf.key()) || e.key().startsWith(leaf.key() + ".") || e.key().startsWith(leaf.key() + "["),
                    what + ": the error names '" + e.key() + "': " + e.getMessage());
        }
    }

    @Test
    void should_refuse_every_unknown_key_naming_it() throws IOException {
        Fuzz fuzz = Fuzz.seeded("config-keys");
        for (int i = 0; i < Fuzz.cases(100); i++) {
            JsonNode tree = example();
            List<Leaf> leaves = new ArrayList<>();
            leaves(tree, "", null, null, -1, leaves);
            Leaf leaf = fuzz.pick(leaves);
            String unknown = "unknown_" + Integer.toString(fuzz.nextInt(1 << 20), 36);
            String expected;
            if (leaf.parent() instanceof ObjectNode object) {
                object.put(unknown, 1);
                expected = leaf.key().contains(".") ? leaf.key().substring(0, leaf.key().lastIndexOf('.') + 1) + unknown : unknown;
            } else {
                ((ObjectNode) tree).put(unknown, "x");
                expected = unknown;
            }
            String what = "seed " + fuzz.seed() + " case " + i + ": added " + expected;

            ConfigException e = refusal(yaml.writeValueAsString(tree), what);

            assertEquals(expected, e.key(), what + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("is not a known setting"), what + ": " + e.getMessage());
        }
    }

    @Test
    void should_load_or_refuse_clearly_any_textual_corruption_of_the_file() throws IOException {
        Fuzz fuzz = Fuzz.seeded("config-text");
        String original = Files.readString(EXAMPLE);
        int refused = 0;
        for (int i = 0; i < Fuzz.cases(300); i++) {
            String corrupted = corrupt(original, fuzz);
            Path file = dir.resolve("quorum.yaml");
            byte[] bytes = corrupted.getBytes(StandardCharsets.UTF_8);
            if (fuzz.chance(0.1)) {
                // Bytes that are not UTF-8 at all: a file saved in another encoding or damaged on disk.
                int at = fuzz.nextInt(bytes.length + 1);
                byte[] damaged = new byte[bytes.length + 4];
                System.arraycopy(bytes, 0, damaged, 0, at);
                System.arraycopy(new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE}, 0, damaged, at, 4);
                System.arraycopy(bytes, at, damaged, at + 4, bytes.length - at);
                bytes = damaged;
            }
            Files.write(file, bytes);
            String what = "seed " + fuzz.seed() + " case " + i;
            try {
                new ConfigLoader(Map.of()).from(Optional.of(file));
            } catch (ConfigException e) {
                assertReadable(e, what);
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError(what + ": failed with " + e + " on:\n" + corrupted, e);
            }
        }
        // The mutations must actually bite, or the property says nothing.
        assertTrue(refused > Fuzz.cases(300) / 4, "only " + refused + " corruptions were refused");
    }

    private static String corrupt(String text, Fuzz fuzz) {
        String[] lines = text.split("\n", -1);
        switch (fuzz.nextInt(5)) {
            case 0 -> {
                int at = fuzz.nextInt(text.length());
                return text.substring(0, at) + fuzz.randomText(1 + fuzz.nextInt(4)) + text.substring(at);
            }
            case 1 -> {
                int at = fuzz.nextInt(text.length());
                return text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + fuzz.nextInt(20)));
            }
            case 2 -> {
                int a = fuzz.nextInt(lines.length);
                int b = fuzz.nextInt(lines.length);
                String swap = lines[a];
                lines[a] = lines[b];
                lines[b] = swap;
                return String.join("\n", lines);
            }
            case 3 -> {
                return text.substring(0, fuzz.nextInt(text.length()));
            }
            default -> {
                int line = fuzz.nextInt(lines.length);
                lines[line] = lines[line].replaceFirst(":", fuzz.pick(List.of(": &a", ": *a", ": !!binary", ": |", "::", " = ", ": [")));
                return String.join("\n", lines);
            }
        }
    }
}
