package dev.quorum.envelope.consume;

import dev.quorum.envelope.redis.ArenaKeys;
import dev.quorum.envelope.redis.RedisConnections;

import java.time.Duration;

/**
 * How a consumer reads the stream.
 *
 * @param blockTimeout how long one read waits for new entries (1 ms to {@link RedisConnections#LONGEST_BLOCK}); also how
 *                     long {@code stop()} may take to take effect
 */
public record ReadSettings(String stream, int batchSize, Duration blockTimeout) {

    public ReadSettings {
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("stream name must not be blank");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        RedisConnections.checkedBlock("blockTimeout", blockTimeout);
    }

    /** The arena's default stream, 10 entries per read, 1 s blocking reads. */
    public static ReadSettings defaults() {
        return new ReadSettings(ArenaKeys.DEFAULT_STREAM, 10, Duration.ofSeconds(1));
    }

    public ReadSettings withStream(String name) {
        return new ReadSettings(name, batchSize, blockTimeout);
    }

    public ReadSettings withBatchSize(int entries) {
        return new ReadSettings(stream, entries, blockTimeout);
    }

    public ReadSettings withBlockTimeout(Duration timeout) {
        return new ReadSettings(stream, batchSize, timeout);
    }
}
