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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox drained to a real redis-server: batches in one round trip, marked while the next goes out; order and
 * at-least-once kept through Redis dying, marks failing and marks lost.
 */
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

    /**
     * A decision hash Redis refuses (the key holds a string) fails alike on every retry, and each retry appended the
     * entry, and the whole batch behind it, again: every 5 s under serve, while `run` said "0 envelope(s) published"
     * with three on the stream. The entry is the record: it counts as published, once, and the drain goes on.
     */
    @Test
    void should_publish_once_an_envelope_whose_decision_hash_redis_refuses_and_go_on() {
        List<String> before = decide(3, "OK");
        redis.set(ArenaKeys.decisionHash("BAD0", DAY.toString()), "not a hash");
        List<String> refused = decide(1, "BAD");
        List<String> after = decide(2, "AFTER");

        assertEquals(6, publisher.drain());
        assertEquals(0, publisher.drain(), "nothing waits, nothing is appended again");

        assertEquals(concat(concat(before, refused), after), streamCorrelationIds());
        assertEquals(0, outbox.pendingCount());
        assertEquals("not a hash", redis.get(ArenaKeys.decisionHash("BAD0", DAY.toString())));
        assertEquals(Verdict.BUY.name(), redis.hget(ArenaKeys.decisionHash("AFTER1", DAY.toString()), "verdict"));
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

    @Test
    void should_lose_nothing_and_keep_order_when_redis_dies_between_batches() {
        int batch = OutboxPublisher.BATCH;
        List<String> decided = decide(2 * batch + 10, "K");
        RedisSink redisSink = new RedisSink(redis, server.url(), PublisherSettings.defaults().withStream(STREAM));
        List<String> streamAtTheCrash = new ArrayList<>();
        // Redis is killed as the third batch goes out, while the second one is being marked.
        BatchSink dying = new BatchSink() {
            private int batches;

            @Override
            public String describe() {
                return redisSink.describe();
            }

            @Override
            public String publish(String correlationId, String envelopeJson) {
                return redisSink.publish(correlationId, envelopeJson);
            }

            @Override
            public Batch prepare(List<OutboxEntry> entries) {
                Batch readied = redisSink.prepare(entries);
                return () -> {
                    if (++batches == 3) {
                        streamAtTheCrash.addAll(streamCorrelationIds());
                        server.kill();
                    }
                    return readied.publish();
                };
            }
        };

        try (OutboxPublisher dyingPublisher = new OutboxPublisher(outbox, dying, Duration.ofSeconds(1))) {
            assertEquals(2 * batch, dyingPublisher.drain());
        }

        assertEquals(decided.subList(0, 2 * batch), streamAtTheCrash);
        List<OutboxEntry> waiting = outbox.pending(20);
        assertEquals(decided.subList(2 * batch, 2 * batch + 10), correlationIds(waiting), "the two batches before are marked");
        assertEquals(1, waiting.get(0).attempts());
        server.restart(); // empty (no persistence): what waited goes out, in order, once
        assertEquals(10, publisher.drain());
        assertEquals(decided.subList(2 * batch, 2 * batch + 10), streamCorrelationIds());
        assertEquals(0, outbox.pendingCount());
    }

    /**
     * The batch after the first is read and readied (its hash fields parsed) on the reader thread while the first is
     * out: an entry there that cannot be readied must not end the drain with the reader's exception, but fail alone,
     * in its place, as it does in the first batch.
     */
    @Test
    void should_publish_up_to_a_stored_envelope_without_hash_fields_and_keep_it_and_those_behind_it_waiting() {
        int batch = OutboxPublisher.BATCH;
        List<String> decided = decide(batch + 8, "H");
        OutboxEntry broken = outbox.pending(batch + 8).get(batch + 5);
        sql("UPDATE decisions SET envelope_json = '{\"decision\": {}}' WHERE correlation_id = '" + broken.correlationId() + "'");

        assertEquals(batch + 5, publisher.drain());

        assertEquals(decided.subList(0, batch + 5), streamCorrelationIds());
        List<OutboxEntry> waiting = outbox.pending(10);
        assertEquals(decided.subList(batch + 5, batch + 8), correlationIds(waiting), "in order, behind it");
        assertEquals(1, waiting.get(0).attempts());
        String error = waiting.get(0).lastError().orElseThrow();
        assertTrue(error.contains("outbox envelope " + broken.correlationId()) && error.contains("decision.target.ticker"), error);
    }

    @Test
    void should_publish_again_in_order_the_envelopes_whose_marks_a_power_cut_lost() {
        List<String> decided = decide(6, "P");
        long fourth = outbox.pending(6).get(3).id();
        assertEquals(6, publisher.drain());

        // Marks commit without waiting for the disk: a power cut can take back the last ones (WAL recovery keeps a
        // prefix of the commits), leaving those rows as they were before their mark.
        sql("UPDATE outbox SET published_at = NULL, stream_id = NULL WHERE id >= " + fourth);

        assertEquals(3, publisher.drain());
        List<String> published = streamCorrelationIds();
        assertEquals(concat(decided, decided.subList(3, 6)), published, "published again, in order, after the first time");
        assertEquals(decided, published.stream().distinct().toList(), "a consumer deduping on correlation id sees each once, in order");
        assertEquals(0, outbox.pendingCount());
    }

    @Test
    void should_publish_again_the_batch_published_while_the_one_before_failed_to_be_marked() {
        int batch = OutboxPublisher.BATCH;
        List<String> decided = decide(batch + 10, "M");
        long first = outbox.pending(1).get(0).id();
        sql("CREATE TRIGGER refuse_mark BEFORE UPDATE OF published_at ON outbox WHEN NEW.id = " + first
                + " BEGIN SELECT RAISE(ABORT, 'simulated disk I/O error'); END");

        RuntimeException failure = assertThrows(RuntimeException.class, publisher::drain);

        assertTrue(failure.getMessage().contains("simulated disk I/O error"), failure.getMessage());
        // The second batch went out while the first was being marked; neither is marked, both wait in order.
        assertEquals(decided, streamCorrelationIds());
        assertEquals(decided, correlationIds(outbox.pending(batch + 10)));
        sql("DROP TRIGGER refuse_mark");
        assertEquals(batch + 10, publisher.drain());
        List<String> published = streamCorrelationIds();
        assertEquals(concat(decided, decided), published);
        assertEquals(decided, published.stream().distinct().toList());
        assertEquals(0, outbox.pendingCount());
    }

    private void sql(String statement) {
        database.inTransaction("test: " + statement, connection -> {
            try (Statement sql = connection.createStatement()) {
                sql.execute(statement);
            }
            return null;
        });
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static List<String> correlationIds(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxEntry::correlationId).toList();
    }

    /** Decides {@code count} tickers, committed together (a batch: hundreds of synced commits would be slow). */
    private List<String> decide(int count, String prefix) {
        List<String> ids = new ArrayList<>();
        try (QuorumDatabase.Batch batch = database.batch("test: decide " + count)) {
            for (int i = 0; i < count; i++) {
                String ticker = prefix + i;
                TradingIntelligenceEnvelope envelope = EnvelopeBuilder.forTarget(Target.equity(ticker, DAY.toString()))
                        .synthesis(Verdict.BUY, 0.6, 0.4, "test").build();
                store.save(new DecisionRecord(envelope.correlationId(), ticker, DAY, Verdict.BUY, 0.6, 0.4, EnvelopeJson.encode(envelope),
                        Map.of(), OptionalDouble.empty(), List.of(), List.of(), Instant.parse("2024-06-03T21:00:00Z")));
                ids.add(envelope.correlationId());
            }
            batch.commit();
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
