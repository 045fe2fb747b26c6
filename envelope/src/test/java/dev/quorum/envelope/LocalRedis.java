package dev.quorum.envelope;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.UnifiedJedis;

import java.util.List;

/**
 * One real redis-server per test class, with a client on it:
 * {@code @RegisterExtension static final LocalRedis REDIS = new LocalRedis();}
 */
public final class LocalRedis implements BeforeAllCallback, AfterAllCallback {

    private final RedisServer server;
    private UnifiedJedis client;

    public LocalRedis() {
        this(List.of());
    }

    /** @param serverArgs extra redis-server options, e.g. {@code --requirepass} */
    public LocalRedis(List<String> serverArgs) {
        this.server = new RedisServer(serverArgs);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    /** A client on database 0 (opened on first use; needs no password). */
    public synchronized UnifiedJedis client() {
        if (client == null) {
            client = RedisConnections.open(RedisUrl.parse(server.url()));
        }
        return client;
    }

    public int port() {
        return server.port();
    }

    /** {@code redis://127.0.0.1:PORT/0} */
    public String url() {
        return server.url();
    }
}
