package dev.quorum.orchestrator.reliability.security;

import dev.quorum.envelope.consume.ConsumerGroupReader;
import dev.quorum.envelope.consume.DecisionLookup;
import dev.quorum.envelope.consume.GroupSettings;
import dev.quorum.envelope.consume.ReadSettings;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.testkit.ProjectPaths;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The users of {@code config/redis-acl.example}, applied verbatim to a real redis-server: a real {@code quorum run}
 * publishes every decision as the {@code quorum} user, a consumer group reads and acknowledges them all and looks
 * the verdicts up as {@code quorum-consumer}, and each user is refused what Quorum never needs.
 */
class RedisLeastPrivilegeTest {

    private static final String ADMIN_PASSWORD = "acl-test-admin-password";
    private static final String QUORUM_PASSWORD = "acl-test-quorum-password";
    private static final String CONSUMER_PASSWORD = "acl-test-consumer-password";
    private static final String STREAM = "maf:arena:trading_intelligence:output";

    private final RedisServer redis = new RedisServer(List.of("--requirepass", ADMIN_PASSWORD));

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        redis.close();
    }

    private UnifiedJedis as(String user, String password) {
        return RedisConnections.open(RedisUrl.parse("redis://" + user + ":" + password + "@127.0.0.1:" + redis.port() + "/0"));
    }

    private void applyDocumentedAcl() throws Exception {
        List<String> commands = Files.readAllLines(ProjectPaths.root().resolve("config/redis-acl.example")).stream()
                .filter(line -> line.startsWith("ACL SETUSER "))
                .map(line -> line.replace("<quorum-password>", QUORUM_PASSWORD).replace("<consumer-password>", CONSUMER_PASSWORD))
                .toList();
        assertEquals(2, commands.size(), "the documented users");
        try (UnifiedJedis admin = as("default", ADMIN_PASSWORD)) {
            for (String command : commands) {
                String[] words = command.split(" ");
                Object reply = admin.sendCommand(() -> "ACL".getBytes(), Arrays.copyOfRange(words, 1, words.length));
                assertEquals("OK", new String((byte[]) reply), command);
            }
        }
    }

    @Test
    void should_publish_and_consume_everything_with_the_documented_least_privilege_users() throws Exception {
        redis.start();
        applyDocumentedAcl();
        Path config = ServedQuorum.writeConfig(dir.resolve("state"), null, "");
        String quorumUrl = "redis://quorum:" + QUORUM_PASSWORD + "@127.0.0.1:" + redis.port() + "/0";

        try (ServedQuorum run = ServedQuorum.start(dir.resolve("logs"), Map.of("QUORUM_REDIS_URL", quorumUrl),
                "run", "--config", config.toString())) {
            assertEquals(0, run.awaitExit(Duration.ofSeconds(120)), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("3 envelope(s) published"), run.stdout() + run.stderr());
        }

        try (UnifiedJedis consumer = as("quorum-consumer", CONSUMER_PASSWORD)) {
            ConsumerGroupReader reader = new ConsumerGroupReader(consumer,
                    ReadSettings.defaults().withStream(STREAM).withBlockTimeout(Duration.ofMillis(100)),
                    GroupSettings.of("strategies", "acl").withNewGroupFromStart(true));
            List<TradingIntelligenceEnvelope> received = new ArrayList<>();
            reader.run(r -> {
                received.add(r.envelope());
                if (received.size() == 3) {
                    reader.stop();
                }
            });
            assertEquals(3, received.size());
            TradingIntelligenceEnvelope first = received.get(0);
            Optional<TradingIntelligenceEnvelope> looked = new DecisionLookup(consumer)
                    .current(first.decision().target().ticker(), first.decision().target().tradeDate());
            assertEquals(first.correlationId(), looked.orElseThrow().correlationId());
            refused(() -> consumer.xadd(STREAM, XAddParams.xAddParams(), Map.of("data", "{}")));
            refused(() -> consumer.del(STREAM));
        }
        try (UnifiedJedis quorum = as("quorum", QUORUM_PASSWORD)) {
            refused(quorum::flushAll);
            refused(() -> quorum.keys("*"));
            refused(() -> quorum.del(STREAM));
            refused(() -> quorum.configGet("requirepass"));
            refused(() -> quorum.set("other:key", "x"));
            refused(() -> quorum.hset("other:hash", "f", "v"));
        }
    }

    private static void refused(Runnable command) {
        JedisDataException e = assertThrows(JedisDataException.class, command::run);
        assertTrue(e.getMessage().startsWith("NOPERM"), e.getMessage());
    }
}
