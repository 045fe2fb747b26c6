package dev.quorum.envelope.redis;

/**
 * One {@code host:port} of a Redis URL: the server, a Sentinel, or a Cluster seed node.
 *
 * @param host a name or an IP literal, IPv6 without brackets
 */
public record RedisNode(String host, int port) {

    public RedisNode {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be within 1..65535, got " + port);
        }
    }

    /** {@code host:port}, IPv6 literals in brackets as URLs write them. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
