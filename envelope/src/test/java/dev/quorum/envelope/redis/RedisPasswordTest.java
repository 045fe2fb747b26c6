package dev.quorum.envelope.redis;

import dev.quorum.envelope.CapturedLogs;
import dev.quorum.envelope.Envelopes;
import dev.quorum.envelope.LocalRedis;
import dev.quorum.envelope.Verdict;
import dev.quorum.envelope.publish.EnvelopePublisher;
import dev.quorum.envelope.publish.PublisherSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A password-protected Redis: the password opens it and never shows up in strings, logs or errors. */
class RedisPasswordTest {

    private static final String PASSWORD = "Corr3ct-H0rse-Battery";
    @RegisterExtension
    static final LocalRedis SERVER = new LocalRedis(List.of("--requirepass", PASSWORD));

    private static String url(String password) {
        return "redis://default:" + password + "@127.0.0.1:" + SERVER.port() + "/2";
    }

    @Test
    void should_authenticate_and_select_the_database_from_the_url() {
        try (UnifiedJedis redis = RedisConnections.open(RedisUrl.parse(url(PASSWORD)))) {
            new EnvelopePublisher(redis, PublisherSettings.defaults()).publish(Envelopes.simple("AUTH", "2026-05-11", Verdict.BUY, 0.9));
            assertEquals(1, redis.xlen(ArenaKeys.DEFAULT_STREAM));
        }
        try (UnifiedJedis databaseZero = RedisConnections.open(RedisUrl.parse(url(PASSWORD).replace("/2", "/0")))) {
            assertEquals(0, databaseZero.xlen(ArenaKeys.DEFAULT_STREAM), "the entry belongs in database 2 only");
        }
    }

    @Test
    void should_keep_the_password_out_of_to_string_logs_and_errors_when_it_is_wrong() {
        String wrong = "Wr0ng-Secret-Value";
        try (CapturedLogs logs = new CapturedLogs()) {
            RedisUrl url = RedisUrl.parse(url(wrong));
            RuntimeException e = assertThrows(RuntimeException.class, () -> {
                try (UnifiedJedis redis = RedisConnections.open(url)) {
                    redis.ping();
                }
            });
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            String everything = url + "\n" + trace + "\n" + logs.text();
            assertFalse(everything.contains(wrong), everything);
            assertFalse(everything.contains(PASSWORD), everything);
        }
    }
}
