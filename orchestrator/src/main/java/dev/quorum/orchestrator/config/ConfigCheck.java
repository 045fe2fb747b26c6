package dev.quorum.orchestrator.config;

import java.util.List;

/**
 * The checks the configuration records run in their constructors. A failed check throws
 * {@link InvalidSetting} naming the setting relative to its record; {@link ConfigLoader} prefixes the record's
 * path so the operator reads the full key, e.g. {@code http.port}.
 */
final class ConfigCheck {

    private ConfigCheck() {
    }

    /** A setting of one record that failed a check; the loader turns it into a {@link ConfigException}. */
    static final class InvalidSetting extends IllegalArgumentException {
        final String setting;

        InvalidSetting(String setting, String problem) {
            super(problem);
            this.setting = setting;
        }
    }

    static <T> T present(String setting, T value) {
        if (value == null) {
            throw new InvalidSetting(setting, "is required");
        }
        return value;
    }

    static String text(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidSetting(setting, "is required and must not be blank");
        }
        return value;
    }

    static int between(String setting, Integer value, int min, int max) {
        present(setting, value);
        if (value < min || value > max) {
            throw new InvalidSetting(setting, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static double between(String setting, Double value, double min, double max) {
        present(setting, value);
        if (!(value >= min && value <= max)) {
            throw new InvalidSetting(setting, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static <T> List<T> nonEmpty(String setting, List<T> values) {
        if (values == null || values.isEmpty()) {
            throw new InvalidSetting(setting, "must list at least one entry");
        }
        // Not values.contains(null): immutable lists answer that with a NullPointerException.
        if (values.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidSetting(setting, "must not contain an empty entry");
        }
        return List.copyOf(values);
    }

    /**
     * A server URL with user-info ({@code http://user:password@host}) is refused: the URL is shown in {@code /health},
     * in metric labels and in log lines, and the password with it. The message does not repeat the URL.
     */
    static void noUserInfo(String setting, java.net.URI uri) {
        if (uri.getRawUserInfo() != null) {
            throw invalid(setting, "must not carry a user name or password (user:password@host): the URL is shown in"
                    + " /health, /metrics and log lines");
        }
    }

    /**
     * An http(s) URL with a host and no user-info. The messages show the URL with anything before its last '@'
     * masked: a URL refused for another reason (a host with an underscore, a space) may still carry a password.
     */
    static java.net.URI httpUrl(String setting, String value) {
        String shown = dev.quorum.envelope.redis.RedisUrl.redact(text(setting, value));
        java.net.URI uri;
        try {
            uri = new java.net.URI(value);
        } catch (java.net.URISyntaxException e) {
            throw invalid(setting, "is not a valid URL: '" + shown + "'");
        }
        noUserInfo(setting, uri);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw invalid(setting, "must be an http(s) URL with a host, was '" + shown + "'");
        }
        return uri;
    }

    static InvalidSetting invalid(String setting, String problem) {
        return new InvalidSetting(setting, problem);
    }
}
