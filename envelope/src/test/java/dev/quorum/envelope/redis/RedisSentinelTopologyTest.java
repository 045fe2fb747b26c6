package dev.quorum.envelope.redis;

import dev.quorum.envelope.CapturedLogs;
import dev.quorum.envelope.Envelopes;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.consume.Consumed;
import dev.quorum.envelope.consume.DecisionLookup;
import dev.quorum.envelope.consume.ReadSettings;
import dev.quorum.envelope.consume.ReceivedEnvelope;
import dev.quorum.envelope.consume.StreamTail;
import dev.quorum.envelope.publish.EnvelopePublisher;
import dev.quorum.envelope.publish.PublisherSettings;
import dev.quorum.testkit.RedisSentinel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real master with a password, monitored by a real Sentinel, behind a {@code redis-sentinel://} URL. */
class RedisSentinelTopologyTest {

    private static final String PASSWORD = "S3ntinel-Master-Pass";
    @RegisterExtension
    static final RedisSentinel SENTINEL = new RedisSentinel("quorum-master", Optional.of(PASSWORD));

    /** {@code redis-sentinel://default:PASSWORD@127.0.0.1:S/MASTER/DB}: the password is the master's. */
    private static String url(String password, String masterName, int database) {
        return "redis-sentinel://default:" + password + "@127.0.0.1:" + SENTINEL.sentinelPort() + "/" + masterName + "/" + database;
    }

    @Test
    void should_find_the_master_through_the_sentinel_and_carry_the_whole_arena_path() {
        try (UnifiedJedis redis = RedisConnections.open(RedisUrl.parse(url(PASSWORD, SENTINEL.masterName(), 3)))) {
            assertInstanceOf(RedisSentinelClient.class, redis);
            assertEquals(SENTINEL.currentMasterPort(), ((RedisSentinelClient) redis).getCurrentMaster().getPort());
            ArenaRoundTrip.check(redis, ArenaKeys.DEFAULT_STREAM);
            assertEquals("PONG", redis.ping());
        }
        try (UnifiedJedis databaseZero = RedisConnections.open(RedisUrl.parse(url(PASSWORD, SENTINEL.masterName(), 0)))) {
            assertEquals(0, databaseZero.xlen(ArenaKeys.DEFAULT_STREAM), "the URL's database 3 was selected on the master");
        }
    }

    @Test
    void should_follow_the_master_across_a_failover_without_losing_an_envelope() throws InterruptedException {
        String stream = "test:failover:" + UUID.randomUUID();
        try (UnifiedJedis redis = RedisConnections.open(RedisUrl.parse(url(PASSWORD, SENTINEL.masterName(), 5)))) {
            EnvelopePublisher publisher = new EnvelopePublisher(redis, PublisherSettings.defaults().withStream(stream));
            TradingIntelligenceEnvelope before = Envelopes.simple("NVDA", "2026-05-11", Verdict.BUY, 0.8);
            TradingIntelligenceEnvelope after = Envelopes.simple("AAPL", "2026-05-11", Verdict.SELL, 0.6);
            String beforeId = publisher.publish(before);

            int promoted = SENTINEL.failover();
            // Jedis re-points its pool when the Sentinel's +switch-master message arrives; nothing to wait on but that.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (((RedisSentinelClient) redis).getCurrentMaster().getPort() != promoted) {
                assertTrue(System.nanoTime() < deadline, "the client never followed the failover to port " + promoted);
                TimeUnit.MILLISECONDS.sleep(20);
            }
            String afterId = publisher.publish(after);

            ReadSettings settings = ReadSettings.defaults().withStream(stream).withBlockTimeout(Duration.ofMillis(200));
            // Under heavy load a blocking read once never got its answer after the failover. Such a read now fails
            // after its socket timeout (RedisConnections) and a consumer reads again, as the trader and the job worker
            // do; bounded, so that a hang fails the test rather than the build.
            List<ReceivedEnvelope> read = assertTimeoutPreemptively(Duration.ofSeconds(90),
                    () -> readingAgainAfterALostAnswer(() -> Consumed.until(StreamTail.fromStart(redis, settings), 2)),
                    "reading both envelopes back");
            assertEquals(List.of(beforeId, afterId), read.stream().map(ReceivedEnvelope::entryId).toList());
            assertEquals(Optional.of(before), new DecisionLookup(redis).current("NVDA", "2026-05-11"));
            assertEquals(Optional.of(after), new DecisionLookup(redis).current("AAPL", "2026-05-11"));
        }
    }

    private static List<ReceivedEnvelope> readingAgainAfterALostAnswer(Supplier<List<ReceivedEnvelope>> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (JedisConnectionException lost) {
                if (attempt == 3) {
                    throw lost;
                }
            }
        }
    }

    @Test
    void should_run_multi_and_watch_on_the_master() {
        try (UnifiedJedis redis = RedisConnections.open(RedisUrl.parse(url(PASSWORD, SENTINEL.masterName(), 0)))) {
            SlotTransactionCheck.check(redis);
        }
    }

    @Test
    void should_name_the_url_and_the_master_with_a_masked_password_when_the_master_name_is_wrong() {
        try (CapturedLogs logs = new CapturedLogs()) {
            RedisUnavailableException e = assertThrows(RedisUnavailableException.class,
                    () -> RedisConnections.open(RedisUrl.parse(url(PASSWORD, "no-such-master", 0))));
            assertEquals("cannot open redis-sentinel://default:***@127.0.0.1:" + SENTINEL.sentinelPort()
                    + "/no-such-master/0: Can connect to sentinel, but no-such-master seems to be not monitored."
                    + " (is the master name right? SENTINEL MASTERS on a Sentinel lists the names it monitors)", e.getMessage());
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertFalse((trace + logs.text()).contains(PASSWORD), trace + logs.text());
        }
    }

    @Test
    void should_keep_a_wrong_master_password_out_of_errors_and_logs() {
        String wrong = "Wr0ng-Master-Pass";
        try (CapturedLogs logs = new CapturedLogs()) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> {
                try (UnifiedJedis redis = RedisConnections.open(RedisUrl.parse(url(wrong, SENTINEL.masterName(), 0)))) {
                    redis.ping();
                }
            });
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            String everything = trace + logs.text();
            assertFalse(everything.contains(wrong) || everything.contains(PASSWORD), everything);
            assertTrue(everything.contains("WRONGPASS") || everything.contains("invalid"), everything);
        }
    }
}
