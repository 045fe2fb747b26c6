package dev.quorum.trader.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.quorum.envelope.redis.RedisUrl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the trader's YAML file: unknown keys, wrong types and out-of-range values are one-line errors naming the key;
 * a password in the file's Redis URL is refused (it belongs in {@code QUORUM_TRADER_REDIS_URL}).
 */
public final class TraderConfigLoader {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // YAML keeps the last of two equal keys: a min_confidence or a broker written twice must not be guessed.
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '(.*)'");

    private TraderConfigLoader() {
    }

    public static TraderSetup load(Path file, Map<String, String> environment) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new TraderConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new TraderConfigException(file + ": cannot be read: " + e.getMessage());
        }
        return new TraderSetup(parse(file.toString(), yaml), TraderEnvironment.from(environment));
    }

    static TraderConfig parse(String source, String yaml) {
        TraderConfig config;
        try {
            config = yaml.isBlank() ? TraderConfig.defaults() : MAPPER.readValue(yaml, TraderConfig.class);
        } catch (JacksonException e) {
            // A syntax error is "<file> line L, column C: problem"; anything else names the key after the file. The
            // binder stops at the first value it cannot use, which may come before a syntax error further on
            // ("policy: [1"): a file that is not valid YAML is reported as such first.
            throw new TraderConfigException(syntaxError(yaml).or(() -> ConfigWords.yamlSyntax(e))
                    .map(syntax -> source + " " + syntax).orElseGet(() -> source + ": " + describe(e)));
        }
        if (config == null) {
            config = TraderConfig.defaults();
        }
        try {
            if (RedisUrl.parse(config.stream().redisUrl()).password().isPresent()) {
                throw TraderConfigException.at("stream.redis_url", "carries a password; put the URL in "
                        + TraderEnvironment.REDIS_URL + " instead of the file");
            }
        } catch (IllegalArgumentException e) {
            throw TraderConfigException.at("stream.redis_url", e.getMessage());
        }
        return config;
    }

    private static Optional<String> syntaxError(String yaml) {
        try {
            MAPPER.readTree(yaml);
            return Optional.empty();
        } catch (JacksonException e) {
            return ConfigWords.yamlSyntax(e);
        }
    }

    private static String describe(JacksonException e) {
        java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.matches()) {
            return "key '" + duplicate.group(1) + "' is set twice" + (e.getLocation() == null ? "" : ", the second time on line "
                    + e.getLocation().getLineNr()) + " (YAML would silently keep the last; remove one)";
        }
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof TraderConfigException config) {
                return config.getMessage();
            }
            cause = cause.getCause();
        }
        String key = e instanceof JsonMappingException mapping ? mapping.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")) : "";
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return key + ": unknown key; " + ConfigWords.didYouMean(unknown.getPropertyName(), known).map(s -> s + " ").orElse("")
                    + "expected one of " + known;
        }
        if (e instanceof MismatchedInputException mismatch && !(e instanceof InvalidFormatException)) {
            // Jackson's words ("Cannot deserialize value of type PolicySettings from Array value") name classes and
            // tokens; the operator wrote a list where key: value lines belong.
            return (key.isEmpty() ? "" : key + ": ") + ConfigWords.expectedGot(mismatch.getTargetType(), mismatch);
        }
        String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        return (key.isEmpty() ? "" : key + ": ") + e.getOriginalMessage().lines().findFirst().orElse("invalid") + line;
    }
}
