package dev.quorum.orchestrator.config;

import dev.quorum.envelope.redis.RedisUrl;

/**
 * Where envelopes are published.
 *
 * @param url    {@code redis://[user:password@]host:port/db}, {@code redis-sentinel://[user:password@]host:26379,
 *               host:26379/master/db} or {@code redis-cluster://[user:password@]host:port,host:port}, {@code rediss...}
 *               for TLS (see {@link RedisUrl}); a password may only come
 *               from the environment or the credentials file, never from the YAML file
 * @param stream the stream envelopes are appended to
 * @param maxlen approximate MAXLEN retention of the stream; 0 keeps everything
 */
public record RedisConfig(String url, String stream, Long maxlen) {

    public RedisConfig {
        try {
            RedisUrl.parse(ConfigCheck.text("url", url));
        } catch (IllegalArgumentException e) {
            // RedisUrl's message names the problem and masks the password.
            throw ConfigCheck.invalid("url", e.getMessage());
        }
        ConfigCheck.text("stream", stream);
        ConfigCheck.present("maxlen", maxlen);
        if (maxlen < 0) {
            throw ConfigCheck.invalid("maxlen", "must be 0 (keep everything) or positive, was " + maxlen);
        }
    }

    /** Whether the URL carries user-info (a password, or what a client may take for one): then it must come from the environment or the credentials file. */
    public static boolean hasPassword(String url) {
        try {
            RedisUrl parsed = RedisUrl.parse(url);
            return parsed.user().isPresent() || parsed.password().isPresent();
        } catch (IllegalArgumentException e) {
            return url.contains("@");
        }
    }

    /** The URL with any credentials masked, safe for logs and errors (the envelope module's one redaction). */
    public static String redact(String url) {
        return url == null ? "null" : RedisUrl.redact(url);
    }

    /** The redacted URL: a record's toString must never leak the password. */
    @Override
    public String toString() {
        return "RedisConfig[url=" + redact(url) + ", stream=" + stream + ", maxlen=" + maxlen + "]";
    }
}
