package dev.quorum.testkit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real redis-server fixture: ready means it answers commands, not only that its port is open. */
class RedisServerTest {

    @Test
    void should_be_ready_after_a_restart_only_once_the_saved_data_is_loaded() {
        try (RedisServer redis = new RedisServer(List.of("--enable-debug-command", "yes"))) {
            redis.start();
            // Enough keys that loading them back takes a while: Redis accepts connections meanwhile and answers
            // every command with LOADING, which a port check alone took for ready.
            RedisCli.run(redis.port(), "DEBUG", "POPULATE", "1000000");
            RedisCli.run(redis.port(), "SAVE");

            redis.kill();
            redis.restart();

            assertEquals("1000000", RedisCli.run(redis.port(), "DBSIZE").strip());
        }
    }
}
