package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.quorum.trader.config.ConfigWords;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds the {@link QuorumConfig} of a process from four layers, each overriding the one before:
 * <ol>
 *   <li>the embedded defaults ({@code defaults.yaml} next to this class), so {@code demo} needs no file;</li>
 *   <li>the YAML file, if any: objects merge key by key, lists replace the default list;</li>
 *   <li>the credentials file ({@code credentials_file} / {@code QUORUM_CREDENTIALS_FILE}, or systemd's
 *       {@code $CREDENTIALS_DIRECTORY/quorum}): secrets only;</li>
 *   <li>the environment: {@code QUORUM_<PATH>} for every scalar or list-of-strings key, e.g.
 *       {@code QUORUM_HTTP_PORT}, {@code QUORUM_MEMORY_RECALL_K}, {@code QUORUM_WATCHLIST=AAPL,NVDA}.</li>
 * </ol>
 * Unknown keys, unknown {@code QUORUM_} variables, wrong types and out-of-range values are all errors naming the
 * key and where it was set. Secrets written in the YAML file are refused: files get committed, shared, pasted.
 */
public final class ConfigLoader {

    /**
     * Environment variables with the QUORUM_ prefix that belong to the launcher and the logging, not to the
     * configuration: {@code QUORUM_JAVA_OPTS} (bin/quorum's JVM options), {@code QUORUM_CONFIG} (the file
     * {@code tail}/{@code publish-samples}/{@code recall} read), {@code QUORUM_LOG_LEVEL} (logback.xml's level of
     * Quorum's own loggers), {@code QUORUM_LOG_FORMAT} ({@code text} or {@code json}: logback.xml's encoder).
     */
    private static final java.util.Set<String> LAUNCHER_VARIABLES = java.util.Set.of("QUORUM_JAVA_OPTS", "QUORUM_CONFIG",
            "QUORUM_LOG_LEVEL", "QUORUM_LOG_FORMAT");
    /** logback.xml includes {@code logback-<format>.xml}: the names must match exactly. */
    private static final java.util.Set<String> LOG_FORMATS = java.util.Set.of("text", "json");
    private static final java.util.Set<String> LOG_LEVELS = java.util.Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConfigLoader.class);
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '(.*)'");
    private static final String ENV_PREFIX = "QUORUM_";
    private static final String SYSTEMD_CREDENTIAL_NAME = "quorum";

    private final YAMLMapper mapper = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // 2.5 where a whole number belongs is a mistake to report, not a value to truncate silently.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // YAML keeps the last of two equal keys; a setting written twice is a mistake to report, not to guess.
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // YAML 1.1 reads an unquoted ON, NO, YES or OFF as a boolean: ON Semiconductor's ticker became 'true', and
            // `redecide: yes` turned re-deciding on where QUORUM_DECISIONS_REDECIDE=yes is refused. Only true/false are booleans.
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();
    private final Map<String, String> environment;

    /** @param environment the process environment ({@link System#getenv()}), or a map in tests */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Loads the configuration from the process environment. */
    public static QuorumConfig load(Optional<Path> file) {
        return new ConfigLoader(System.getenv()).from(file);
    }

    /**
     * A setting a command takes from one of its own options ({@code backtest --policy}), laid over every other layer
     * and validated like any setting; its errors name the option, not an environment variable nobody set.
     *
     * @param key    the dotted key, e.g. {@code trust.policy}
     * @param value  as an environment variable would carry it (lists comma-separated)
     * @param option the option as the operator typed it, e.g. {@code --policy}
     */
    public record OptionSetting(String key, String value, String option) {
    }

    /** The configuration: defaults, then {@code file} when present, then credentials, then the environment. */
    public QuorumConfig from(Optional<Path> file) {
        return from(file, List.of());
    }

    /** {@link #from(Optional)} with a command's own options on top. */
    public QuorumConfig from(Optional<Path> file, List<OptionSetting> options) {
        checkLogLevel();
        checkLogFormat();
        ObjectNode tree = defaults();
        Map<String, String> origins = new HashMap<>();
        if (file.isPresent()) {
            JsonNode fromFile = readYaml(file.get());
            SecretsPolicy.rejectSecretsIn(fromFile, file.get());
            merge(tree, fromFile, "", origins, "file " + file.get());
        }
        EnvironmentOverrides overrides = new EnvironmentOverrides(defaults(), ENV_PREFIX, LAUNCHER_VARIABLES);
        origins.putAll(overrides.apply(tree, environment, variable -> "environment variable " + variable));
        credentialsFile(tree, origins).ifPresent(credentials -> {
            Map<String, String> secrets = new CredentialsFile(credentials).read();
            secrets.keySet().removeIf(environment::containsKey);
            origins.putAll(overrides.apply(tree, secrets, variable -> "credentials file " + credentials + " entry " + variable));
        });
        Map<String, String> optionValues = new HashMap<>();
        Map<String, String> optionNames = new HashMap<>();
        for (OptionSetting option : options) {
            String variable = overrides.variableOf(option.key());
            optionValues.put(variable, option.value());
            optionNames.put(variable, "option " + option.option());
        }
        origins.putAll(overrides.apply(tree, optionValues, optionNames::get));
        return bind(tree, origins);
    }

    private Optional<Path> credentialsFile(ObjectNode tree, Map<String, String> origins) {
        JsonNode configured = tree.get("credentials_file");
        if (configured != null && !configured.isNull()) {
            // Path.of("") is the working directory: an empty QUORUM_CREDENTIALS_FILE read as "readable by every user".
            if (!configured.isTextual() || configured.asText().isBlank()) {
                throw new ConfigException("credentials_file", "expected the path of a KEY=VALUE file, got '" + configured.asText()
                        + "'" + originOf("credentials_file", origins));
            }
            return Optional.of(Path.of(configured.asText()));
        }
        String systemdDirectory = environment.get("CREDENTIALS_DIRECTORY");
        if (systemdDirectory != null) {
            Path candidate = Path.of(systemdDirectory, SYSTEMD_CREDENTIAL_NAME);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yaml")) {
            if (in == null) {
                throw new IllegalStateException("defaults.yaml is missing from the classpath: broken build");
            }
            return (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded defaults.yaml", e);
        }
    }

    private JsonNode readYaml(Path file) {
        try {
            JsonNode node = mapper.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                LOG.warn("configuration file {} is empty: running on the built-in defaults (config/quorum.example.yaml lists them)", file);
                return mapper.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException("configuration file " + file + " must hold a mapping of keys at the top level", (Throwable) null);
            }
            return node;
        } catch (JacksonException e) {
            java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.matches() && e.getLocation() != null) {
                throw new ConfigException(duplicateKey(file, duplicate.group(1), e.getLocation().getLineNr()), e);
            }
            Optional<String> syntax = ConfigWords.yamlSyntax(e);
            if (syntax.isPresent()) {
                throw new ConfigException("configuration file " + file + " " + syntax.get(), e);
            }
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException("configuration file " + file + " is not valid YAML" + where + ": "
                    + yamlProblem(e), e);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist", e);
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new ConfigException("configuration file " + file + " does not exist", e);
            }
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * "key 'port' is set twice, on lines 3 and 9": the parser reports the second; the first is the nearest line
     * above it writing the same key at the same indentation without leaving the enclosing mapping.
     */
    private static String duplicateKey(Path file, String key, int secondLine) {
        String first = "an earlier line";
        try {
            List<String> lines = Files.readAllLines(file);
            if (secondLine >= 1 && secondLine <= lines.size()) {
                String second = lines.get(secondLine - 1);
                int indent = indentation(second);
                java.util.regex.Pattern same = java.util.regex.Pattern.compile("\\s*(- )?\"?" + java.util.regex.Pattern.quote(key) + "\"?\\s*:.*");
                if (second.indexOf(key + ":", second.indexOf(key + ":") + 1) >= 0) {
                    first = "line " + secondLine; // both in one flow mapping, {a: 1, a: 2}
                }
                for (int i = secondLine - 2; i >= 0 && first.equals("an earlier line"); i--) {
                    String line = lines.get(i);
                    if (line.isBlank() || line.strip().startsWith("#")) {
                        continue;
                    }
                    if (indentation(line) == indent && same.matcher(line).matches()) {
                        first = "line " + (i + 1);
                    } else if (indentation(line) < indent) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            // The file was read a moment ago; without it the message names the second line only.
        }
        return "configuration file " + file + ": key '" + key + "' is set twice, on " + first + " and line " + secondLine
                + " (YAML would silently keep the last; remove one)";
    }

    private static int indentation(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /** {@code QUORUM_LOG_LEVEL} goes to logback, which reads a misspelt level as DEBUG: refuse it here instead. */
    private void checkLogLevel() {
        String level = environment.get("QUORUM_LOG_LEVEL");
        if (level != null && !LOG_LEVELS.contains(level.strip().toUpperCase(java.util.Locale.ROOT))) {
            throw new ConfigException("environment variable QUORUM_LOG_LEVEL is '" + level + "'; expected one of "
                    + new java.util.TreeSet<>(LOG_LEVELS), (Throwable) null);
        }
    }

    /** {@code QUORUM_LOG_FORMAT} names the file logback.xml includes: a misspelt one would silently drop every log line. */
    private void checkLogFormat() {
        String format = environment.get("QUORUM_LOG_FORMAT");
        if (format != null && !LOG_FORMATS.contains(format)) {
            throw new ConfigException("environment variable QUORUM_LOG_FORMAT is '" + format + "'; expected one of "
                    + new java.util.TreeSet<>(LOG_FORMATS), (Throwable) null);
        }
    }

    /** The parser's own words, without the Java class name it puts in front of an encoding error. */
    private static String yamlProblem(JacksonException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.CharConversionException encoding) {
                return "the file is not UTF-8 text (" + encoding.getMessage() + ")";
            }
        }
        return e.getOriginalMessage();
    }

    /** Objects merge key by key; anything else (scalars, lists) replaces. Records where each key came from. */
    private static void merge(ObjectNode target, JsonNode source, String prefix, Map<String, String> origins, String origin) {
        source.fields().forEachRemaining(entry -> {
            String path = prefix + entry.getKey();
            JsonNode existing = target.get(entry.getKey());
            if (existing != null && existing.isObject() && entry.getValue().isNull()) {
                // A section left empty (`redis:` with its keys commented out) is YAML null: it sets nothing.
                return;
            }
            if (existing != null && existing.isObject() && entry.getValue().isObject()) {
                merge((ObjectNode) existing, entry.getValue(), path + ".", origins, origin);
            } else {
                target.set(entry.getKey(), entry.getValue());
                origins.put(path, origin);
            }
        });
    }

    private QuorumConfig bind(ObjectNode tree, Map<String, String> origins) {
        try {
            return mapper.treeToValue(tree, QuorumConfig.class);
        } catch (ValueInstantiationException e) {
            // Jackson builds a record before it looks at the keys it did not use, so a misspelt key ("domian") first
            // shows as the missing one ("domain: is required"): the typo is the cause, report it first.
            unknownKeyIn(tree, pathOf(e), e.getType(), origins);
            Throwable cause = e.getCause();
            if (cause instanceof ConfigCheck.InvalidSetting invalid) {
                String key = join(pathOf(e), invalid.setting);
                throw new ConfigException(key, invalid.getMessage() + originOf(key, origins));
            }
            throw new ConfigException(pathOf(e), "cannot be used: " + (cause == null ? e.getOriginalMessage() : cause.getMessage())
                    + originOf(pathOf(e), origins));
        } catch (UnrecognizedPropertyException e) {
            throw unknownKey(pathOf(e), e.getKnownPropertyIds().stream().map(String::valueOf).toList(), origins);
        } catch (InvalidFormatException e) {
            String key = pathOf(e);
            throw new ConfigException(key, "expected " + ConfigWords.expected(e.getTargetType()) + ", got '" + e.getValue() + "'"
                    + originOf(key, origins));
        } catch (MismatchedInputException e) {
            String key = pathOf(e);
            throw new ConfigException(key, ConfigWords.expectedGot(e.getTargetType(), e) + originOf(key, origins));
        } catch (JacksonException e) {
            if (e instanceof JsonMappingException mapping && e.getCause() instanceof com.fasterxml.jackson.core.exc.InputCoercionException tooLarge) {
                // A number too large for its type (port: 99999999999): the parser's own message names no key.
                String key = pathOf(mapping);
                throw new ConfigException(key, "expected " + ConfigWords.expected(tooLarge.getTargetType()) + ", got '"
                        + numberText(tooLarge) + "', which is out of range" + originOf(key, origins));
            }
            throw new ConfigException("configuration cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private static String numberText(com.fasterxml.jackson.core.exc.InputCoercionException e) {
        try {
            return ((com.fasterxml.jackson.core.JsonParser) e.getProcessor()).getText();
        } catch (IOException unreadable) {
            return "?";
        }
    }

    /**
     * Throws the unknown-key error for the first key of the mapping at {@code path} that {@code type} does not have;
     * returns when every key is known (or the mapping is not found).
     */
    private void unknownKeyIn(ObjectNode tree, String path, com.fasterxml.jackson.databind.JavaType type, Map<String, String> origins) {
        JsonNode node = tree;
        for (String segment : path.isEmpty() ? new String[0] : path.replace("[", ".[").split("\\.")) {
            if (segment.isEmpty() || node == null) {
                continue;
            }
            node = segment.startsWith("[") ? node.get(Integer.parseInt(segment.substring(1, segment.length() - 1))) : node.get(segment);
        }
        if (node == null || !node.isObject() || type == null) {
            return;
        }
        List<String> known = mapper.getDeserializationConfig().introspect(type).findProperties().stream()
                .map(com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition::getName).toList();
        if (known.isEmpty()) {
            return;
        }
        for (java.util.Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw unknownKey(join(path, name), known, origins);
            }
        }
    }

    /** "is not a known setting (set by file F); did you mean parallel_tickers? Known here: ..." */
    private static ConfigException unknownKey(String key, List<String> known, Map<String, String> origins) {
        String name = key.substring(Math.max(key.lastIndexOf('.'), key.lastIndexOf(']')) + 1);
        return new ConfigException(key, "is not a known setting" + originOf(key, origins) + "; "
                + ConfigWords.didYouMean(name, known).map(s -> s + " ").orElse("")
                + "known here: " + known.stream().sorted().collect(Collectors.joining(", ")));
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }

    /** " (set by X)" for the most specific key that has a recorded origin; defaults say nothing. */
    private static String originOf(String key, Map<String, String> origins) {
        String candidate = key;
        while (!candidate.isEmpty()) {
            String origin = origins.get(candidate);
            if (origin != null) {
                return " (set by " + origin + ")";
            }
            int cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
            candidate = cut < 0 ? "" : candidate.substring(0, cut);
        }
        return " (built-in default)";
    }
}
