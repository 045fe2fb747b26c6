package dev.quorum.envelope.publish;

import dev.quorum.envelope.EnvelopeBuilder;
import dev.quorum.envelope.Envelopes;
import dev.quorum.envelope.LocalRedis;
import dev.quorum.envelope.Target;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.envelope.redis.ArenaKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopePublisherTest {

    @RegisterExtension
    static final LocalRedis REDIS = new LocalRedis();
    private final UnifiedJedis redis = REDIS.client();

    private EnvelopePublisher publisherOn(String stream) {
        return new EnvelopePublisher(redis, PublisherSettings.defaults().withStream(stream));
    }

    private static String freshStream() {
        return "test:" + UUID.randomUUID();
    }

    @Test
    void should_append_one_entry_with_exactly_one_data_field_holding_the_envelope_json() {
        String stream = freshStream();
        TradingIntelligenceEnvelope envelope = Envelopes.full();
        String id = publisherOn(stream).publish(envelope);

        List<StreamEntry> entries = redis.xrange(stream, "-", "+");
        assertEquals(1, entries.size());
        assertEquals(id, entries.get(0).getID().toString());
        assertEquals(Map.of("data", EnvelopeJson.encode(envelope)), entries.get(0).getFields());
    }

    @Test
    void should_write_the_decision_hash_as_the_python_publisher_does() {
        TradingIntelligenceEnvelope envelope = Envelopes.full();
        publisherOn(freshStream()).publish(envelope);

        Map<String, String> hash = redis.hgetAll("maf:arena:trading_intelligence:decisions:NVDA:2026-05-11");
        assertEquals(EnvelopeJson.encode(envelope), hash.get("json"));
        assertEquals("NVDA", hash.get("ticker"));
        assertEquals("2026-05-11", hash.get("trade_date"));
        assertEquals("BUY", hash.get("verdict"));
        assertEquals("0.72", hash.get("confidence"));
        assertEquals("0.41", hash.get("ensemble_score"));
        assertEquals("2026-05-11T13:45:00.123456+00:00", hash.get("published_at"));
        assertEquals("3f2b8c1d4e5a46b7a8c9d0e1f2a3b4c5", hash.get("correlation_id"));
        assertEquals("quorum-local", hash.get("arena_id"));
        assertEquals(9, hash.size());
    }

    @Test
    void should_skip_the_hash_when_the_ticker_is_empty() {
        String stream = freshStream();
        publisherOn(stream).publish(Envelopes.degraded());
        assertEquals(1, redis.xlen(stream));
        assertTrue(redis.keys(ArenaKeys.DECISION_HASH_PREFIX + "::*").isEmpty());
    }

    @Test
    void should_trim_the_stream_approximately_when_a_max_length_is_set() {
        String stream = freshStream();
        EnvelopePublisher publisher = new EnvelopePublisher(redis,
                PublisherSettings.defaults().withStream(stream).withMaxLength(10));
        for (int i = 0; i < 500; i++) {
            publisher.publish(Envelopes.simple("TRIM", "2026-05-11", Verdict.HOLD, 0.5));
        }
        long length = redis.xlen(stream);
        assertTrue(length >= 10 && length < 500, "approximate MAXLEN 10 should keep at least 10 and far fewer than 500, kept " + length);
    }

    /** Concurrent publishers for one target: with MULTI/EXEC the hash always describes the newest stream entry. */
    @Test
    void should_keep_stream_and_hash_in_agreement_under_concurrent_publishes() throws Exception {
        String stream = freshStream();
        EnvelopePublisher publisher = publisherOn(stream);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        publisher.publish(Envelopes.simple("RACE", "2026-05-11", Verdict.BUY, 0.5));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        StreamEntry newest = redis.xrevrange(stream, "+", "-", 1).get(0);
        Map<String, String> hash = redis.hgetAll(ArenaKeys.decisionHash("RACE", "2026-05-11"));
        assertEquals(320, redis.xlen(stream));
        assertEquals(newest.getFields().get("data"), hash.get("json"));
    }

    @Test
    void should_report_which_write_failed_when_redis_refuses_the_hash() {
        String stream = freshStream();
        redis.set(ArenaKeys.decisionHash("WRONG", "2026-05-11"), "not a hash");
        PublishException e = assertThrows(PublishException.class,
                () -> publisherOn(stream).publish(Envelopes.simple("WRONG", "2026-05-11", Verdict.SELL, 0.5)));
        assertTrue(e.getMessage().contains("HSET of the decision hash failed after stream entry"), e.getMessage());
        assertEquals(1, redis.xlen(stream), "Redis transactions do not roll back: the entry stays and the error says so");
    }

    @Test
    void should_publish_a_batch_in_order_with_every_decision_hash() {
        String stream = freshStream();
        List<TradingIntelligenceEnvelope> batch = List.of(
                Envelopes.simple("AAPL", "2026-05-11", Verdict.BUY, 0.6),
                Envelopes.degraded(),
                Envelopes.simple("MSFT", "2026-05-11", Verdict.SELL, 0.7));

        List<String> ids = publisherOn(stream).publishAll(batch);

        List<StreamEntry> entries = redis.xrange(stream, "-", "+");
        assertEquals(ids, entries.stream().map(e -> e.getID().toString()).toList());
        assertEquals(batch.stream().map(EnvelopeJson::encode).toList(), entries.stream().map(e -> e.getFields().get("data")).toList());
        assertEquals(EnvelopeJson.encode(batch.get(0)), redis.hget(ArenaKeys.decisionHash("AAPL", "2026-05-11"), "json"));
        assertEquals("SELL", redis.hget(ArenaKeys.decisionHash("MSFT", "2026-05-11"), "verdict"));
        assertEquals(List.of(), publisherOn(stream).publishAll(List.of()));
    }

    @Test
    void should_name_the_failed_write_of_a_batch_and_keep_the_entries_redis_wrote() {
        String stream = freshStream();
        redis.set(ArenaKeys.decisionHash("WRONG", "2026-05-11"), "not a hash");
        List<TradingIntelligenceEnvelope> batch = List.of(
                Envelopes.simple("GOOD", "2026-05-11", Verdict.BUY, 0.6),
                Envelopes.simple("WRONG", "2026-05-11", Verdict.SELL, 0.5));

        PublishException e = assertThrows(PublishException.class, () -> publisherOn(stream).publishAll(batch));

        assertTrue(e.getMessage().contains("HSET of the decision hash failed after stream entry"), e.getMessage());
        assertEquals(2, redis.xlen(stream), "one MULTI/EXEC: Redis ran every write and does not roll back");
    }

    /** A stream key holding a string: Redis refuses the XADD but runs the HSET queued with it; the error says so. */
    @Test
    void should_say_the_decision_hash_was_written_when_redis_refuses_the_stream_entry() {
        String stream = freshStream();
        redis.set(stream, "not a stream");
        PublishException e = assertThrows(PublishException.class,
                () -> publisherOn(stream).publish(Envelopes.simple("AHEAD", "2026-05-11", Verdict.BUY, 0.6)));
        String hash = ArenaKeys.decisionHash("AHEAD", "2026-05-11");
        assertTrue(e.getMessage().startsWith("XADD to " + stream + " failed; the decision hash " + hash
                + " was written all the same"), e.getMessage());
        assertEquals("BUY", redis.hget(hash, "verdict"));
    }

    /** The outbox's way: a refused hash is reported, the entry Redis wrote is returned like the others. */
    @Test
    void should_tell_a_refused_decision_hash_to_the_listener_and_return_every_entry_written() {
        String stream = freshStream();
        redis.set(ArenaKeys.decisionHash("WRONG", "2026-05-11"), "not a hash");
        List<EncodedEnvelope> batch = List.of(
                EncodedEnvelope.of(Envelopes.simple("GOOD", "2026-05-11", Verdict.BUY, 0.6)),
                EncodedEnvelope.of(Envelopes.simple("WRONG", "2026-05-11", Verdict.SELL, 0.5)),
                EncodedEnvelope.of(Envelopes.simple("LATER", "2026-05-11", Verdict.HOLD, 0.1)));
        List<String> refusals = new ArrayList<>();

        List<String> ids = publisherOn(stream).publishEncoded(batch, refusals::add);

        assertEquals(redis.xrange(stream, "-", "+").stream().map(e -> e.getID().toString()).toList(), ids);
        assertEquals(1, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).contains("stream entry " + ids.get(1) + " was written (" + ArenaKeys.decisionHash("WRONG",
                "2026-05-11") + "): WRONGTYPE"), refusals.get(0));
        assertEquals("HOLD", redis.hget(ArenaKeys.decisionHash("LATER", "2026-05-11"), "verdict"));
    }

    @Test
    void should_publish_a_degraded_envelope_built_without_synthesis() {
        String stream = freshStream();
        TradingIntelligenceEnvelope envelope = EnvelopeBuilder.forTarget(Target.equity("AMD", "2026-05-12")).build();
        publisherOn(stream).publish(envelope);
        Map<String, String> hash = redis.hgetAll(ArenaKeys.decisionHash("AMD", "2026-05-12"));
        assertEquals("HOLD", hash.get("verdict"));
        assertEquals("0.0", hash.get("confidence"));
        assertFalse(hash.get("json").isEmpty());
    }
}
