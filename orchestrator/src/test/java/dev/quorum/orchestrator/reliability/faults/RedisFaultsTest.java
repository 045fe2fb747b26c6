package dev.quorum.orchestrator.reliability.faults;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.reliability.Published;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.reliability.StoredRows;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.Closer;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis failing under real cycles (rules panel, SQLite, redis-server): down at start, killed mid-run and restarted
 * (with its append-only file), restarted empty, wrong password. Deciding never needs Redis; what could not be
 * published waits in the SQLite outbox and goes out, in order and once, as soon as Redis takes it.
 */
class RedisFaultsTest {

    private static final List<String> FIRST = List.of("AAPL", "MSFT");
    private static final List<String> SECOND = List.of("NVDA", "JPM", "XOM");
    private static final String PASSWORD = "right-password-for-this-test";

    private RedisServer redis;
    private final Closer closer = new Closer();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        closer.close();
        if (redis != null) {
            redis.close();
        }
    }

    private Path state() {
        return dir.resolve("state");
    }

    private QuorumRuntime runtime(String redisUrl) throws IOException {
        QuorumRuntime runtime = QuorumRuntime.open(QuorumRig.config(state(), QuorumRig.sampleMarket(), redisUrl, ""),
                PublishTarget.REDIS);
        closer.add(runtime);
        return runtime;
    }


    private UnifiedJedis client(String url) {
        UnifiedJedis client = RedisConnections.open(RedisUrl.parse(url));
        closer.add(client);
        return client;
    }

    private void assertPublishedExactlyOnce(UnifiedJedis client, Set<String> expected) {
        List<String> consumed = Published.consumedByNewGroup(client);
        assertEquals(expected, Set.copyOf(consumed), "what consumers see");
        assertEquals(consumed.size(), Set.copyOf(consumed).size(), "each correlation id once: " + consumed);
        assertEquals(0, Published.pendingOutbox(state().resolve("quorum.db")));
    }

    private LocalDate date() {
        return QuorumRig.lastSessions(QuorumRig.sampleMarket(), 1).get(0);
    }

    @Test
    void should_keep_decisions_in_the_outbox_while_redis_is_down_at_start_and_publish_them_when_it_comes() throws Exception {
        redis = new RedisServer();
        redis.start();
        redis.stop();
        QuorumRuntime runtime = runtime(redis.url());

        Set<String> decided = QuorumRig.decideAll(runtime, FIRST, date());
        assertEquals(0, runtime.publisher().drain());
        assertEquals(2, Published.pendingOutbox(state().resolve("quorum.db")));

        redis.restart();
        assertEquals(2, runtime.publisher().drain());
        assertPublishedExactlyOnce(client(redis.url()), decided);
    }

    @Test
    void should_publish_everything_once_when_redis_is_killed_mid_run_and_restarted() throws Exception {
        redis = new RedisServer(List.of("--appendonly", "yes", "--appendfsync", "always"));
        redis.start();
        QuorumRuntime runtime = runtime(redis.url());
        Set<String> decided = new HashSet<>(QuorumRig.decideAll(runtime, FIRST, date()));
        assertEquals(2, runtime.publisher().drain());

        redis.kill();
        decided.addAll(QuorumRig.decideAll(runtime, SECOND, date()));
        assertEquals(0, runtime.publisher().drain());
        redis.restart();
        assertEquals(3, runtime.publisher().drain());

        assertPublishedExactlyOnce(client(redis.url()), decided);
    }

    @Test
    void should_publish_what_follows_when_redis_comes_back_empty_and_keep_everything_in_sqlite() throws Exception {
        redis = new RedisServer();
        redis.start();
        QuorumRuntime runtime = runtime(redis.url());
        Set<String> before = QuorumRig.decideAll(runtime, FIRST, date());
        assertEquals(2, runtime.publisher().drain());

        redis.kill();
        redis.restart();
        Set<String> after = QuorumRig.decideAll(runtime, SECOND, date());
        // The pooled connection died with the old server: the first attempt fails on it and leaves the entries in
        // the outbox; the publisher's next attempt (its background loop retries) takes a fresh connection.
        int published = runtime.publisher().drain();
        assertEquals(3, published + (published == 3 ? 0 : runtime.publisher().drain()));

        // Redis lost what it held; Quorum does not republish what Redis once acknowledged, SQLite keeps it all.
        assertPublishedExactlyOnce(client(redis.url()), after);
        Set<String> all = new HashSet<>(before);
        all.addAll(after);
        assertEquals(all, Published.storedDecisionIds(state().resolve("quorum.db")));
    }

    @Test
    void should_wait_in_the_outbox_on_a_wrong_password_without_recording_it_and_drain_once_corrected() throws Exception {
        redis = new RedisServer(List.of("--requirepass", PASSWORD));
        redis.start();
        String wrongPassword = "wrong-password-" + System.nanoTime();
        String wrong = "redis://:" + wrongPassword + "@127.0.0.1:" + redis.port() + "/0";
        String right = "redis://:" + PASSWORD + "@127.0.0.1:" + redis.port() + "/0";

        QuorumRuntime runtime = runtime(wrong);
        Set<String> decided = QuorumRig.decideAll(runtime, FIRST, date());
        assertEquals(0, runtime.publisher().drain());
        assertEquals(2, Published.pendingOutbox(state().resolve("quorum.db")));
        String stored = StoredRows.of(state().resolve("quorum.db")).toString();
        assertFalse(stored.contains(wrongPassword), "the outbox error must not record the password");
        runtime.close();

        QuorumRuntime corrected = runtime(right);
        assertEquals(2, corrected.publisher().drain());
        assertPublishedExactlyOnce(client(right), decided);
    }
}
