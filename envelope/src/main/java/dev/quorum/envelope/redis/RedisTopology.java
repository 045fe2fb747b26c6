package dev.quorum.envelope.redis;

/** How a Redis deployment is reached; the URL scheme names it. */
public enum RedisTopology {

    /** One server: {@code redis://host:port/db}. */
    STANDALONE("redis", 6379),
    /** A master found through Sentinels, followed across failovers: {@code redis-sentinel://s1,s2/master/db}. */
    SENTINEL("redis-sentinel", 26379),
    /** Keys spread over hash slots of several masters: {@code redis-cluster://n1,n2}. Database 0 only. */
    CLUSTER("redis-cluster", 6379);

    private final String scheme;
    private final int defaultPort;

    RedisTopology(String scheme, int defaultPort) {
        this.scheme = scheme;
        this.defaultPort = defaultPort;
    }

    /** The plain scheme; TLS adds an {@code s} to {@code redis}: {@code rediss}, {@code rediss-sentinel}, {@code rediss-cluster}. */
    public String scheme(boolean tls) {
        return tls ? scheme.replaceFirst("^redis", "rediss") : scheme;
    }

    /** The port of a node written without one: 26379 for Sentinels, else 6379. */
    public int defaultPort() {
        return defaultPort;
    }
}
