package dev.quorum.trader.config;

import dev.quorum.envelope.redis.ArenaKeys;

/**
 * Where the envelopes come from ({@code stream:} in the trader's file).
 *
 * @param redisUrl       the Redis URL without a password (a password only from {@code QUORUM_TRADER_REDIS_URL})
 * @param group          the consumer group: every trader instance of one book shares it
 * @param consumer       this instance's name in the group; null: {@code <host>-<pid>}
 * @param fromStart      a new group starts at the stream's first entry (true) or only sees new ones (false)
 * @param reclaimSeconds an entry pending this long on a dead consumer is taken over
 */
public record StreamSettings(String redisUrl, String name, String group, String consumer, Boolean fromStart,
                             Integer reclaimSeconds) {

    public StreamSettings {
        redisUrl = Checks.text("stream.redis_url", Checks.orDefault(redisUrl, "redis://127.0.0.1:6379/0"));
        name = Checks.text("stream.name", Checks.orDefault(name, ArenaKeys.DEFAULT_STREAM));
        group = Checks.text("stream.group", Checks.orDefault(group, "quorum-trader"));
        if (consumer != null && consumer.isBlank()) {
            throw TraderConfigException.at("stream.consumer", "must not be empty (null picks <host>-<pid>)");
        }
        fromStart = Checks.orDefault(fromStart, false);
        reclaimSeconds = Checks.atLeast("stream.reclaim_seconds", Checks.orDefault(reclaimSeconds, 60), 1);
    }

    public static StreamSettings defaults() {
        return new StreamSettings(null, null, null, null, null, null);
    }
}
