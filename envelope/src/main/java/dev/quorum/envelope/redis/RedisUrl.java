package dev.quorum.envelope.redis;

import java.util.List;
import java.util.Optional;

/**
 * A Redis location, in one of three topologies (see {@link RedisTopology}):
 * <ul>
 *   <li>{@code redis://[[user]:password@]host[:port][/db]}: one server (port 6379, database 0 by default);</li>
 *   <li>{@code redis-sentinel://[[user]:password@]host[:port],host[:port]/master-name[/db]}: the master that the
 *       Sentinels (port 26379 by default) name, followed across failovers;</li>
 *   <li>{@code redis-cluster://[[user]:password@]host[:port],host[:port]}: a Cluster, reached through any of the seed
 *       nodes (database 0 only).</li>
 * </ul>
 * {@code rediss}, {@code rediss-sentinel} and {@code rediss-cluster} use TLS. User and password may be
 * percent-encoded; they authenticate to the data nodes (with Sentinel: to the master, not to the Sentinels).
 * {@link #toString()} and every error message show the password as {@code ***}: URLs end up in logs and tickets.
 */
public final class RedisUrl {

    /** The standalone default port. */
    public static final int DEFAULT_PORT = 6379;

    private final RedisTopology topology;
    private final boolean tls;
    private final List<RedisNode> nodes;
    private final String masterName;
    private final int database;
    private final String user;
    private final String password;

    RedisUrl(RedisTopology topology, boolean tls, List<RedisNode> nodes, String masterName, int database,
             String user, String password) {
        this.topology = topology;
        this.tls = tls;
        this.nodes = List.copyOf(nodes);
        this.masterName = masterName;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    /** Parses {@code url}, or fails with an {@link IllegalArgumentException} saying what is wrong (password masked). */
    public static RedisUrl parse(String url) {
        return RedisUrlParser.parse(url);
    }

    /** {@code url} with any user-info replaced by {@code ***}, safe to log even when it does not parse. */
    public static String redact(String url) {
        if (url == null) {
            return "null";
        }
        // Everything between the scheme and the last '@' may be secret, even when it does not parse; the parser
        // splits user-info at the same '@', so what this masks is exactly what could be a password.
        // A mistyped scheme ("redis:/") still hides what comes before the '@'.
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int scheme = url.indexOf("://");
        return (scheme >= 0 && scheme < at ? url.substring(0, scheme + 3) : "") + "***@" + url.substring(at + 1);
    }

    public RedisTopology topology() {
        return topology;
    }

    public boolean tls() {
        return tls;
    }

    /** The server (standalone), the Sentinels, or the Cluster seed nodes, in the URL's order; never empty. */
    public List<RedisNode> nodes() {
        return nodes;
    }

    /** The Sentinel master name; present exactly for {@link RedisTopology#SENTINEL}. */
    public Optional<String> masterName() {
        return Optional.ofNullable(masterName);
    }

    /** Always 0 for a Cluster. */
    public int database() {
        return database;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The URL with the password masked: {@code redis-sentinel://reader:***@s1:26379,s2:26379/orders/2}. */
    @Override
    public String toString() {
        String credentials = password == null ? (user == null ? "" : user + "@")
                : (user == null ? "" : user) + ":***@";
        StringBuilder shown = new StringBuilder(topology.scheme(tls)).append("://").append(credentials);
        shown.append(String.join(",", nodes.stream().map(RedisNode::toString).toList()));
        switch (topology) {
            case STANDALONE -> shown.append('/').append(database);
            case SENTINEL -> shown.append('/').append(masterName).append('/').append(database);
            case CLUSTER -> { /* a Cluster has database 0 only: nothing to show */ }
        }
        return shown.toString();
    }
}
