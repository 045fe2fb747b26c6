package dev.quorum.envelope.consume;

import dev.quorum.envelope.Envelopes;
import dev.quorum.envelope.LocalRedis;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.publish.EnvelopePublisher;
import dev.quorum.envelope.publish.PublisherSettings;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.testkit.DelayingProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A blocking read whose answer never comes (the connection stays open, the server's reply is held back by a proxy:
 * a half-open connection after a failover, a partition) fails once its BLOCK and the socket timeout have passed,
 * instead of hanging its consumer; reading again afterwards works on a new connection and loses nothing.
 */
class LostAnswerTest {

    @RegisterExtension
    static final LocalRedis REDIS = new LocalRedis();

    @Test
    void should_fail_a_blocking_read_whose_answer_never_comes_and_read_again_on_a_new_connection() {
        String stream = "test:lost-answer";
        EnvelopePublisher publisher = new EnvelopePublisher(REDIS.client(), PublisherSettings.defaults().withStream(stream));
        String first = publisher.publish(Envelopes.simple("NVDA", "2026-05-11", Verdict.BUY, 0.8));
        ReadSettings settings = ReadSettings.defaults().withStream(stream).withBlockTimeout(Duration.ofMillis(100));

        try (DelayingProxy proxy = DelayingProxy.start("127.0.0.1", REDIS.port());
             UnifiedJedis redis = RedisConnections.open(RedisUrl.parse("redis://127.0.0.1:" + proxy.port() + "/0"))) {
            StreamTail tail = StreamTail.fromLatest(redis, settings);
            proxy.delay(Duration.ofHours(1));
            long started = System.nanoTime();
            // Bounded, so that the hang this test is about fails the test rather than the build.
            JedisConnectionException lost = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertThrowsExactly(JedisConnectionException.class, () -> tail.run(received -> { })));
            double waited = (System.nanoTime() - started) / 1e9;
            assertTrue(waited >= 10.0, "given up after the socket timeout beyond the BLOCK, not before: " + waited + " s");
            assertTrue(lost.getMessage() != null && !lost.getMessage().isBlank(), String.valueOf(lost));

            proxy.delay(Duration.ZERO);
            String second = publisher.publish(Envelopes.simple("AAPL", "2026-05-11", Verdict.SELL, 0.6));
            List<ReceivedEnvelope> again = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> Consumed.until(StreamTail.fromStart(redis, settings), 2));
            assertEquals(List.of(first, second), again.stream().map(ReceivedEnvelope::entryId).toList());
        }
    }

    @Test
    void should_refuse_a_block_longer_than_a_client_waits_for_its_answer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadSettings.defaults().withBlockTimeout(Duration.ofSeconds(6)));
        assertEquals("blockTimeout must be from 1 ms to 5 s (a longer BLOCK is taken for a lost answer), got PT6S", e.getMessage());
        assertEquals(Duration.ofSeconds(5), ReadSettings.defaults().withBlockTimeout(RedisConnections.LONGEST_BLOCK).blockTimeout());
    }
}
