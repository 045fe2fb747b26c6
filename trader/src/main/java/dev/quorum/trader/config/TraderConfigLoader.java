package dev.quorum.trader.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.quorum.envelope.redis.RedisUrl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
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
            .build();

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
            throw new TraderConfigException(source + ": " + describe(e));
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

    private static String describe(JacksonException e) {
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
            return key + ": unknown key; expected one of " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        }
        String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        return (key.isEmpty() ? "" : key + ": ") + e.getOriginalMessage().lines().findFirst().orElse("invalid") + line;
    }
}
