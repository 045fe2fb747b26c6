package dev.quorum.orchestrator.config;

import dev.quorum.envelope.redis.RedisUrl;

import java.net.URI;

/**
 * Where envelopes are published.
 *
 * @param url    {@code redis://[user:password@]host:port/db} or {@code rediss://} for TLS; a password may only come
 *               from the environment or the credentials file, never from the YAML file
 * @param stream the stream envelopes are appended to
 * @param maxlen approximate MAXLEN retention of the stream; 0 keeps everything
 */
public record RedisConfig(String url, String stream, Long maxlen) {

    public RedisConfig {
        URI uri;
        try {
            uri = URI.create(ConfigCheck.text("url", url));
        } catch (IllegalArgumentException e) {
            throw ConfigCheck.invalid("url", "is not a valid URL: " + redact(url));
        }
        if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) || uri.getHost() == null) {
            throw ConfigCheck.invalid("url", "must look like redis://host:port/db or rediss://..., was " + redact(url));
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
            String userInfo = URI.create(url).getRawUserInfo();
            return userInfo != null && !userInfo.isEmpty();
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
