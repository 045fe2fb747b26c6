package dev.quorum.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster on loopback ports: three masters ({@code cluster-enabled yes}) sharing the 16384 hash slots,
 * no replicas, joined with {@code redis-cli --cluster create}.
 *
 * <pre>{@code
 * @RegisterExtension   // started before the class's tests (returns once every node says cluster_state:ok), stopped after them
 * static final RedisCluster cluster = new RedisCluster();
 * }</pre>
 * or {@link #start()} and {@link #close()} by hand.
 */
public final class RedisCluster implements ServerFixture {

    private static final int MASTERS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisServer> nodes = new ArrayList<>();

    public RedisCluster() {
        for (int i = 0; i < MASTERS; i++) {
            nodes.add(new RedisServer(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "5000")));
        }
    }

    /** Starts the nodes, assigns the slots, and waits until every node reports {@code cluster_state:ok}. */
    @Override
    public void start() {
        try {
            nodes.forEach(RedisServer::start);
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            nodes.forEach(node -> create.add("127.0.0.1:" + node.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            RedisCli.run(nodes.get(0).port(), create.toArray(String[]::new));
            for (RedisServer node : nodes) {
                RedisCli.awaitOutput(node.port(), out -> out.contains("cluster_state:ok"), READY_TIMEOUT,
                        "127.0.0.1:" + node.port() + " reports cluster_state:ok", "CLUSTER", "INFO");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The masters, in slot order of creation (to kill one, or read its port). */
    public List<RedisServer> nodes() {
        return List.copyOf(nodes);
    }

    /** {@code redis-cluster://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3}, without credentials. */
    public String url() {
        return "redis-cluster://" + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
