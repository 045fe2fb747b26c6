package dev.quorum.trader.config;

/** The range checks of the configuration records; each failure names its key. */
final class Checks {

    private Checks() {
    }

    static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    static double between(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw TraderConfigException.at(key, "must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    static double positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw TraderConfigException.at(key, "must be > 0, was " + value);
        }
        return value;
    }

    static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw TraderConfigException.at(key, "must be at least " + min + ", was " + value);
        }
        return value;
    }

    /**
     * An absolute http(s) URL with a host and no user-info (a password belongs in the environment, never the file).
     * Messages mask everything before the last '@': a URL refused for another reason may still carry a password.
     */
    static String httpUrl(String key, String value) {
        String shown = dev.quorum.envelope.redis.RedisUrl.redact(text(key, value));
        java.net.URI uri;
        try {
            uri = java.net.URI.create(value);
        } catch (IllegalArgumentException e) {
            throw TraderConfigException.at(key, "not a URL: " + shown);
        }
        if (uri.getRawUserInfo() != null) {
            throw TraderConfigException.at(key, "must not carry a user name or password (user:password@host), was " + shown);
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw TraderConfigException.at(key, "must be an http(s) URL with a host, was " + shown);
        }
        return value;
    }

    static String text(String key, String value) {
        if (value == null || value.isBlank()) {
            throw TraderConfigException.at(key, "must not be empty");
        }
        return value;
    }
}
