package dev.quorum.envelope.redis;

import dev.quorum.envelope.CapturedLogs;
import dev.quorum.envelope.Envelopes;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.publish.EncodedEnvelope;
import dev.quorum.envelope.publish.EnvelopePublisher;
import dev.quorum.envelope.publish.PublishException;
import dev.quorum.envelope.publish.PublisherSettings;
import dev.quorum.testkit.LocalServerProcess;
import dev.quorum.testkit.RedisCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real three-master Redis Cluster behind a {@code redis-cluster://} URL. */
class RedisClusterTopologyTest {

    @RegisterExtension
    static final RedisCluster CLUSTER = new RedisCluster();

    @Test
    void should_publish_on_the_contract_keys_and_read_back_with_tail_group_and_lookup() {
        // The contract's stream and decision hashes live in different slots: the reason MULTI cannot be used here.
        int streamSlot = JedisClusterCRC16.getSlot(ArenaKeys.DEFAULT_STREAM);
        assertTrue(ArenaRoundTrip.tickers().stream().map(t -> ArenaKeys.decisionHash(t, ArenaRoundTrip.TRADE_DATE))
                .anyMatch(key -> JedisClusterCRC16.getSlot(key) != streamSlot));
        try (UnifiedJedis redis = RedisConnections.open(RedisUrl.parse(CLUSTER.url()))) {
            ArenaRoundTrip.check(redis, ArenaKeys.DEFAULT_STREAM);
            assertEquals("PONG", redis.ping(), "the readiness check's PING answers on a cluster client");
        }
    }

    @Test
    void should_write_the_stream_entry_first_and_say_so_when_the_hash_write_fails() {
        String stream = "test:cluster:" + UUID.randomUUID();
        try (UnifiedJedis redis = RedisConnections.open(RedisUrl.parse(CLUSTER.url()))) {
            redis.set(ArenaKeys.decisionHash("WRONG", "2026-05-11"), "not a hash");
            EnvelopePublisher publisher = new EnvelopePublisher(redis, PublisherSettings.defaults().withStream(stream));
            PublishException e = assertThrows(PublishException.class,
                    () -> publisher.publish(Envelopes.simple("WRONG", "2026-05-11", Verdict.SELL, 0.5)));
            String entryId = redis.xrange(stream, "-", "+").get(0).getID().toString();
            assertTrue(e.getMessage().startsWith("HSET of the decision hash failed after stream entry " + entryId + " was written"),
                    e.getMessage());
            assertEquals(1, redis.xlen(stream), "the record is written; the hash, a cache of it, is not");

            List<String> refusals = new ArrayList<>();
            List<String> ids = publisher.publishEncoded(
                    List.of(EncodedEnvelope.of(Envelopes.simple("WRONG", "2026-05-11", Verdict.SELL, 0.5))), refusals::add);
            assertEquals(redis.xrange(stream, "-", "+").get(1).getID().toString(), ids.get(0));
            assertEquals(1, refusals.size(), "the outbox's way: told, not thrown");
        }
    }

    @Test
    void should_refuse_multi_on_a_cluster_client_which_is_why_the_publisher_writes_in_two_steps() {
        try (UnifiedJedis redis = RedisConnections.open(RedisUrl.parse(CLUSTER.url()))) {
            assertThrows(UnsupportedOperationException.class, redis::multi);
        }
    }

    @Test
    void should_run_multi_and_watch_across_quorum_tagged_keys_on_the_slot_owner() {
        try (UnifiedJedis redis = RedisConnections.open(RedisUrl.parse(CLUSTER.url()))) {
            assertTrue(SlotTransactions.isCluster(redis));
            SlotTransactionCheck.check(redis);
        }
    }

    @Test
    void should_keep_hash_tagged_keys_in_one_slot_so_they_can_share_a_transaction() {
        String jobs = "quorum:{quorum}:jobs";
        String decided = "quorum:{quorum}:decided:NVDA:2026-05-11";
        assertEquals(JedisClusterCRC16.getSlot(jobs), JedisClusterCRC16.getSlot(decided));
        assertNotEquals(JedisClusterCRC16.getSlot("quorum:jobs"), JedisClusterCRC16.getSlot("quorum:decided:NVDA:2026-05-11"));
    }

    @Test
    void should_name_the_url_with_a_masked_password_when_no_seed_node_answers() {
        String secret = "Cl0ster-Secret";
        String url = "redis-cluster://quorum:" + secret + "@127.0.0.1:" + LocalServerProcess.freePort()
                + ",127.0.0.1:" + LocalServerProcess.freePort();
        try (CapturedLogs logs = new CapturedLogs()) {
            RedisUnavailableException e = assertThrows(RedisUnavailableException.class,
                    () -> RedisConnections.open(RedisUrl.parse(url)));
            assertTrue(e.getMessage().startsWith("cannot open redis-cluster://quorum:***@127.0.0.1:"), e.getMessage());
            assertTrue(e.getMessage().contains("seed nodes"), e.getMessage());
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertFalse((trace + logs.text()).contains(secret), trace + logs.text());
        }
    }

    @Test
    void should_open_a_cluster_client_from_any_one_seed_node() {
        String oneSeed = "redis-cluster://127.0.0.1:" + CLUSTER.nodes().get(2).port();
        try (UnifiedJedis redis = RedisConnections.open(RedisUrl.parse(oneSeed))) {
            assertInstanceOf(redis.clients.jedis.RedisClusterClient.class, redis);
            redis.hset("quorum:trust:weights", "technical", "1.0");
            assertEquals("1.0", redis.hget("quorum:trust:weights", "technical"));
        }
    }
}
