package dev.quorum.orchestrator.cli;

import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.config.RedisConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where the stream lives, for the commands that talk to Redis. Unset options fall back to the configuration
 * (embedded defaults, {@code --config} or the file named by QUORUM_CONFIG, then QUORUM_REDIS_URL / QUORUM_REDIS_STREAM ...).
 */
final class RedisOptions {

    @Option(names = "--redis", paramLabel = "URL",
            description = "redis://[user:password@]host:port/db, redis-sentinel://[user:password@]host:26379,.../master/db, "
                    + "redis-cluster://[user:password@]host:port,... or rediss... for TLS (default: configuration, "
                    + "redis://127.0.0.1:6379/0; env QUORUM_REDIS_URL). Prefer the env variable for passwords.")
    String url;

    @Option(names = "--stream", paramLabel = "NAME",
            description = "Stream name (default: configuration, maf:arena:trading_intelligence:output).")
    String stream;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private RedisConfig configured;

    /** The URL to use; a bad one is a usage error whose message masks the password. */
    RedisUrl redisUrl() {
        try {
            return RedisUrl.parse(url != null ? url : configured().url());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }

    String streamName() {
        return stream != null ? stream : configured().stream();
    }

    /**
     * Refuses, in one line, a stream name whose key holds another kind of value (a typo, a decision hash's key):
     * Redis would answer every read or write with WRONGTYPE. A key that does not exist yet is a stream to be.
     */
    void requireStream(UnifiedJedis client) {
        String type = client.type(streamName());
        if (!"none".equals(type) && !"stream".equals(type)) {
            throw new ParameterException(command.commandLine(), "the key " + streamName() + " on " + redisUrl() + " is a "
                    + type + ", not a stream (--stream or redis.stream names the stream)");
        }
    }

    /** Approximate MAXLEN retention from the configuration; 0 keeps everything. */
    long maxLength() {
        return configured().maxlen();
    }

    private RedisConfig configured() {
        if (configured == null) {
            configured = config.load().redis();
        }
        return configured;
    }
}
