package dev.quorum.envelope.redis;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Opens a Jedis client for a {@link RedisUrl}, whatever its topology; callers only see {@link UnifiedJedis}. The
 * client is a connection pool, thread-safe; close it when done. A command's answer is waited for at most 10 s; a
 * blocking stream read's, its BLOCK ({@link #LONGEST_BLOCK} at most) and 10 s more. Past that the answer is taken as
 * lost (a half-open connection after a failover or a network partition) and the read fails with a
 * {@code JedisConnectionException}, which the consumers' loops survive by reading again on a new connection: Jedis'
 * default for blocking commands is no socket timeout at all, and a read whose answer never came hung its consumer.
 *
 * <p>A standalone client connects on first use. Sentinel and Cluster clients connect here, because Jedis must ask
 * the Sentinels where the master is, or a node where the hash slots are, before it can send anything: when that
 * fails, {@link #open} throws {@link RedisUnavailableException} naming the URL (password masked).
 */
public final class RedisConnections {

    /** The longest BLOCK a Quorum stream read may ask for ({@code ReadSettings} and the job worker refuse more). */
    public static final Duration LONGEST_BLOCK = Duration.ofSeconds(5);

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
    private static final int BLOCKING_SOCKET_TIMEOUT_MILLIS = Math.toIntExact(LONGEST_BLOCK.toMillis()) + SOCKET_TIMEOUT_MILLIS;

    private RedisConnections() {
    }

    /**
     * {@code block} when it is a BLOCK a read may ask for, from 1 ms to {@link #LONGEST_BLOCK}: past that the client
     * takes the answer for lost. Otherwise an {@link IllegalArgumentException} naming the setting.
     */
    public static Duration checkedBlock(String setting, Duration block) {
        if (block == null || block.toMillis() < 1 || block.compareTo(LONGEST_BLOCK) > 0) {
            throw new IllegalArgumentException(setting + " must be from 1 ms to " + LONGEST_BLOCK.toSeconds()
                    + " s (a longer BLOCK is taken for a lost answer), got " + block);
        }
        return block;
    }

    public static UnifiedJedis open(RedisUrl url) {
        JedisClientConfig dataNodes = config(url, url.database()).build();
        return switch (url.topology()) {
            case STANDALONE -> RedisClient.builder().hostAndPort(hostAndPort(url.nodes().get(0)))
                    .clientConfig(dataNodes).build();
            case SENTINEL -> connect(url, () -> RedisSentinelClient.builder()
                    .masterName(url.masterName().orElseThrow())
                    .sentinels(hostsAndPorts(url))
                    // The URL's credentials are the master's; Sentinels are asked without (they rarely share them).
                    // Jedis talks to Sentinels over RESP2 with its legacy connection; saying so keeps it from
                    // WARNing about protocol negotiation on every (re)connect.
                    .sentinelClientConfig(config(url, 0).user(null).password(null).autoNegotiateProtocol(false).build())
                    .clientConfig(dataNodes)
                    .build());
            case CLUSTER -> connect(url, () -> RedisClusterClient.builder()
                    .nodes(hostsAndPorts(url))
                    .clientConfig(dataNodes)
                    .build());
        };
    }

    /**
     * Runs {@code work} on a client for {@code url}, then closes it. Redis not answering — down, unreachable, no
     * Sentinel up — is the operator's to fix, not a bug: it becomes a {@link RedisUnavailableException} whose
     * message is the one line to print ({@code cannot reach Redis at URL: Connection refused (is it running?)}).
     */
    public static <T> T withClient(RedisUrl url, Function<UnifiedJedis, T> work) {
        try (UnifiedJedis client = open(url)) {
            return work.apply(client);
        } catch (JedisConnectionException e) {
            throw new RedisUnavailableException("cannot reach Redis at " + url + ": " + reason(e) + " (is it running?)", e);
        }
    }

    /** The innermost cause's words ("Connection refused"), not Jedis' wrapper text or a class name. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : e.getMessage() != null ? e.getMessage() : "no answer";
    }

    private static DefaultJedisClientConfig.Builder config(RedisUrl url, int database) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .database(database)
                .ssl(url.tls())
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
                .socketTimeoutMillis(SOCKET_TIMEOUT_MILLIS)
                .blockingSocketTimeoutMillis(BLOCKING_SOCKET_TIMEOUT_MILLIS)
                .clientName("quorum");
        url.user().ifPresent(config::user);
        url.password().ifPresent(config::password);
        return config;
    }

    private static UnifiedJedis connect(RedisUrl url, Supplier<UnifiedJedis> connect) {
        try {
            return connect.get();
        } catch (JedisException e) {
            // Jedis' own messages name the master or say "could not initialize cluster slots cache", not which URL.
            String hint = url.topology() == RedisTopology.SENTINEL
                    ? " (is the master name right? SENTINEL MASTERS on a Sentinel lists the names it monitors)"
                    : " (is any of the seed nodes up, with cluster-enabled yes?)";
            throw new RedisUnavailableException("cannot open " + url + ": " + e.getMessage() + hint, e);
        }
    }

    private static HostAndPort hostAndPort(RedisNode node) {
        return new HostAndPort(node.host(), node.port());
    }

    private static Set<HostAndPort> hostsAndPorts(RedisUrl url) {
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        url.nodes().forEach(node -> nodes.add(hostAndPort(node)));
        return nodes;
    }
}
