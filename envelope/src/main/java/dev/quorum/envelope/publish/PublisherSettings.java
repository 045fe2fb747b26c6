package dev.quorum.envelope.publish;

import dev.quorum.envelope.redis.ArenaKeys;

/**
 * Where and how envelopes are appended.
 *
 * @param stream        the stream name
 * @param maxLength     approximate retention ({@code XADD MAXLEN ~ n}): Redis trims whole macro nodes, so the
 *                      stream may hold somewhat more than n entries; 0 keeps everything
 */
public record PublisherSettings(String stream, long maxLength) {

    public PublisherSettings {
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("stream name must not be blank");
        }
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be 0 (keep everything) or positive, got " + maxLength);
        }
    }

    /** The arena's default stream, no trimming. */
    public static PublisherSettings defaults() {
        return new PublisherSettings(ArenaKeys.DEFAULT_STREAM, 0);
    }

    public PublisherSettings withStream(String name) {
        return new PublisherSettings(name, maxLength);
    }

    public PublisherSettings withMaxLength(long entries) {
        return new PublisherSettings(stream, entries);
    }
}
