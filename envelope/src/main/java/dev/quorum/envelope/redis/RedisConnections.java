package dev.quorum.envelope.redis;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Opens Jedis clients for a {@link RedisUrl}. The client is a connection pool, thread-safe; close it when done.
 * Blocking stream reads use their own timeout (Jedis waits without a socket timeout while a BLOCK is pending).
 */
public final class RedisConnections {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    private RedisConnections() {
    }

    public static UnifiedJedis open(RedisUrl url) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .database(url.database())
                .ssl(url.tls())
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
                .socketTimeoutMillis(SOCKET_TIMEOUT_MILLIS)
                .clientName("quorum");
        url.user().ifPresent(config::user);
        url.password().ifPresent(config::password);
        return RedisClient.builder().hostAndPort(url.host(), url.port()).clientConfig(config.build()).build();
    }
}
