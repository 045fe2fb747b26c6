package dev.quorum.orchestrator.reliability.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.orchestrator.reliability.ServedQuorum.Reply;
import dev.quorum.orchestrator.reliability.StoredRows;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.StreamEntry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code quorum serve} with a Redis password and an HTTP token planted in its environment runs cycles,
 * answers API calls (good, unauthenticated, wrong token, bad input), loses Redis for a while and gets it back,
 * and stops on SIGTERM. Then everything it let out is searched for the two secrets: its log and stdout, every
 * HTTP answer (headers too), {@code /metrics}, the envelopes and decision hashes in Redis, every SQLite row and
 * every other file under its data directory.
 */
class PlantedSecretsTest {

    private final RedisServer redis;
    private final String redisPassword;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    PlantedSecretsTest() {
        SecureRandom random = new SecureRandom();
        redisPassword = "PlantedRedisPw" + HexFormat.of().formatHex(random.generateSeed(8));
        token = "PlantedHttpToken" + HexFormat.of().formatHex(random.generateSeed(12));
        redis = new RedisServer(List.of("--requirepass", redisPassword));
    }

    @AfterEach
    void stopRedis() {
        redis.close();
    }

    @Test
    void should_never_let_the_redis_password_or_the_token_out() throws Exception {
        redis.start();
        Path state = dir.resolve("state");
        // Re-deciding on: the second scan of the same day must publish again, into the Redis outage.
        Path config = ServedQuorum.writeConfig(state, null, "decisions: {redecide: true}\n");
        String redisUrl = "redis://:" + redisPassword + "@127.0.0.1:" + redis.port() + "/0";
        List<String> seen = new ArrayList<>();
        try (ServedQuorum quorum = ServedQuorum.start(dir.resolve("logs"),
                Map.of("QUORUM_REDIS_URL", redisUrl, "QUORUM_HTTP_TOKEN", token), "serve", "--config", config.toString())) {
            URI api = quorum.awaitApi();
            assertEquals("127.0.0.1", quorum.boundAddress(), "the API must listen on loopback by default");
            Optional<String> auth = Optional.of(token);

            seen.add(expect(200, quorum.send(api, "POST", "/api/scan", auth, null)));
            awaitOutboxDrained(quorum, api);
            redis.kill();
            // Redis is down: the cycle stores its decisions, the publisher fails and logs; nothing may leak there.
            seen.add(expect(200, quorum.send(api, "POST", "/api/scan", auth, null)));
            seen.add(any(quorum.send(api, "GET", "/health", Optional.empty(), null)));
            redis.restart();
            awaitOutboxDrained(quorum, api);
            for (String path : List.of("/api/status", "/api/weights", "/api/learning/status", "/api/decisions", "/metrics", "/health")) {
                seen.add(expect(200, quorum.send(api, "GET", path, auth, null)));
            }
            seen.add(any(quorum.send(api, "GET", "/", auth, null)));
            seen.add(expect(401, quorum.send(api, "GET", "/api/status", Optional.empty(), null)));
            seen.add(expect(401, quorum.send(api, "GET", "/api/status", Optional.of(token.substring(1)), null)));
            seen.add(expect(401, quorum.send(api, "POST", "/api/scan", Optional.of("x" + token), null)));
            seen.add(expect(400, quorum.send(api, "POST", "/api/feedback", auth, "{\"decision_id\": 1}")));
            seen.add(expect(404, quorum.send(api, "GET", "/api/nothing-here?redis=" + URLEncoder.encode("redis://", StandardCharsets.UTF_8), auth, null)));

            quorum.terminate();
            assertEquals(0, quorum.awaitExit(Duration.ofSeconds(60)), quorum.stderr());
            seen.add(quorum.stderr());
            seen.add(quorum.stdout());
            assertTrue(quorum.stderr().contains("failed"), "the Redis outage must have been logged:\n" + quorum.stderr());
        }
        List<String> published = redisContent();
        assertTrue(published.size() >= 6, "envelopes and decision hashes of the cycles: " + published.size());
        seen.addAll(published);
        seen.add(StoredRows.of(state.resolve("quorum.db")).toString());
        seen.addAll(filesUnder(state));

        for (String secret : List.of(redisPassword, token)) {
            for (String text : seen) {
                assertFalse(text.contains(secret), "a planted secret came out in:\n" + text);
            }
        }
    }

    private static String any(Reply reply) {
        return reply.status() + " " + reply.headers() + "\n" + reply.body();
    }

    private String expect(int status, Reply reply) {
        assertEquals(status, reply.status(), reply.body());
        return any(reply);
    }

    /** No event reaches this JVM from the child's publisher; a bounded poll of its API. */
    private void awaitOutboxDrained(ServedQuorum quorum, URI api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = json.readTree(quorum.send(api, "GET", "/api/status", Optional.of(token), null).body());
            if (status.path("outbox_pending").asInt(-1) == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the outbox did not drain within 60 s:\n" + quorum.stderr());
    }

    private List<String> redisContent() {
        List<String> content = new ArrayList<>();
        try (UnifiedJedis client = RedisConnections.open(RedisUrl.parse("redis://:" + redisPassword + "@127.0.0.1:" + redis.port() + "/0"))) {
            for (String key : client.scan("0", new ScanParams().count(10_000)).getResult()) {
                String type = client.type(key);
                if (type.equals("stream")) {
                    for (StreamEntry entry : client.xrange(key, "-", "+")) {
                        content.add(entry.getFields().toString());
                    }
                } else if (type.equals("hash")) {
                    content.add(key + " " + client.hgetAll(key));
                } else {
                    content.add(key + " (" + type + ")");
                }
            }
        }
        return content;
    }

    private static List<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(file -> {
                try {
                    return file + "\n" + new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }
    }
}
