package dev.quorum.envelope.redis;

import dev.quorum.envelope.CapturedLogs;
import dev.quorum.testkit.RedisSentinel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
            assertEquals(SENTINEL.master().port(), ((RedisSentinelClient) redis).getCurrentMaster().getPort());
            ArenaRoundTrip.check(redis, ArenaKeys.DEFAULT_STREAM);
            assertEquals("PONG", redis.ping());
        }
        try (UnifiedJedis databaseZero = RedisConnections.open(RedisUrl.parse(url(PASSWORD, SENTINEL.masterName(), 0)))) {
            assertEquals(0, databaseZero.xlen(ArenaKeys.DEFAULT_STREAM), "the URL's database 3 was selected on the master");
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
