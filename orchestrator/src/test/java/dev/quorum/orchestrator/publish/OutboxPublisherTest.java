package dev.quorum.orchestrator.publish;

import dev.quorum.envelope.EnvelopeBuilder;
import dev.quorum.envelope.Target;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.envelope.publish.PublisherSettings;
import dev.quorum.envelope.redis.ArenaKeys;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.memory.store.DecisionRecord;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.OutboxEntry;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox drained to a real redis-server: batches in one round trip, order and at-least-once kept. */
class OutboxPublisherTest {

    private static final String STREAM = "test:outbox";
    private static final LocalDate DAY = LocalDate.parse("2024-06-03");

    @TempDir
    Path dir;

    private final RedisServer server = new RedisServer();
    private QuorumDatabase database;
    private DecisionStore store;
    private Outbox outbox;
    private UnifiedJedis redis;
    private OutboxPublisher publisher;

    @BeforeEach
    void start() {
        server.start();
        database = QuorumDatabase.open(dir.resolve("quorum.db"));
        store = new DecisionStore(database, STREAM);
        outbox = new Outbox(database);
        redis = RedisConnections.open(RedisUrl.parse(server.url()));
        publisher = new OutboxPublisher(outbox, new RedisSink(redis, server.url(), PublisherSettings.defaults().withStream(STREAM)),
                Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        publisher.close();
        redis.close();
        server.close();
    }

    @Test
    void should_drain_a_backlog_larger_than_a_batch_in_outbox_order() {
        List<String> decided = decide(250, "T");

        assertEquals(250, publisher.drain());

        assertEquals(decided, streamCorrelationIds());
        assertEquals(0, outbox.pendingCount());
        assertEquals(Verdict.BUY.name(), redis.hget(ArenaKeys.decisionHash("T249", DAY.toString()), "verdict"));
    }

    @Test
    void should_publish_the_entries_before_a_refused_one_and_keep_it_first_in_line() {
        List<String> before = decide(3, "OK");
        redis.set(ArenaKeys.decisionHash("BAD0", DAY.toString()), "not a hash");
        String refused = decide(1, "BAD").get(0);
        decide(2, "AFTER");

        assertEquals(3, publisher.drain());

        List<OutboxEntry> pending = outbox.pending(10);
        assertEquals(refused, pending.get(0).correlationId());
        assertEquals(1, pending.get(0).attempts());
        assertEquals(3, pending.size(), "the refused entry and the two behind it wait, in order");
        // The failed batch was written whole (Redis does not roll back), then retried one at a time: the entries
        // before the refused one went out again with the same correlation ids (at least once; consumers dedupe).
        List<String> published = streamCorrelationIds();
        assertTrue(published.containsAll(before), published.toString());
        assertEquals(before, published.subList(published.size() - 4, published.size() - 1));
    }

    @Test
    void should_keep_the_backlog_while_redis_is_down_and_drain_it_in_order_when_it_is_back() {
        server.stop();
        List<String> decided = decide(5, "DOWN");

        assertEquals(0, publisher.drain());
        assertTrue(publisher.sinkDown());
        assertEquals(5, outbox.pendingCount());

        server.restart();
        assertEquals(5, publisher.drain());
        assertEquals(decided, streamCorrelationIds());
    }

    private List<String> decide(int count, String prefix) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String ticker = prefix + i;
            TradingIntelligenceEnvelope envelope = EnvelopeBuilder.forTarget(Target.equity(ticker, DAY.toString()))
                    .synthesis(Verdict.BUY, 0.6, 0.4, "test").build();
            store.save(new DecisionRecord(envelope.correlationId(), ticker, DAY, Verdict.BUY, 0.6, 0.4, EnvelopeJson.encode(envelope),
                    Map.of(), OptionalDouble.empty(), List.of(), List.of(), Instant.parse("2024-06-03T21:00:00Z")));
            ids.add(envelope.correlationId());
        }
        return ids;
    }

    private List<String> streamCorrelationIds() {
        List<String> ids = new ArrayList<>();
        for (StreamEntry entry : redis.xrange(STREAM, "-", "+")) {
            ids.add(EnvelopeJson.decode(entry.getFields().get("data")).orElseThrow().correlationId());
        }
        return ids;
    }
}
