package dev.quorum.envelope.redis;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisUrlTest {

    @Test
    void should_parse_host_port_and_database() {
        RedisUrl url = RedisUrl.parse("redis://10.0.0.5:6390/3");
        assertEquals("10.0.0.5", url.host());
        assertEquals(6390, url.port());
        assertEquals(3, url.database());
        assertFalse(url.tls());
        assertEquals(Optional.empty(), url.password());
    }

    @Test
    void should_default_port_and_database() {
        RedisUrl url = RedisUrl.parse("redis://cache.internal");
        assertEquals(6379, url.port());
        assertEquals(0, url.database());
        assertEquals("redis://cache.internal:6379/0", url.toString());
    }

    @Test
    void should_read_user_and_percent_encoded_password_and_tls() {
        RedisUrl url = RedisUrl.parse("rediss://reader:p%40ss%3Aw0rd@redis.example.com:6380/1");
        assertTrue(url.tls());
        assertEquals(Optional.of("reader"), url.user());
        assertEquals(Optional.of("p@ss:w0rd"), url.password());
        assertEquals(1, url.database());
    }

    @Test
    void should_read_a_password_without_user() {
        assertEquals(Optional.of("s3cret"), RedisUrl.parse("redis://:s3cret@127.0.0.1:6379/0").password());
        assertEquals(Optional.empty(), RedisUrl.parse("redis://:s3cret@127.0.0.1:6379/0").user());
    }

    @Test
    void should_never_show_the_password_in_to_string() {
        assertEquals("rediss://reader:***@redis.example.com:6380/1",
                RedisUrl.parse("rediss://reader:hunter2@redis.example.com:6380/1").toString());
        assertEquals("redis://:***@127.0.0.1:6379/0", RedisUrl.parse("redis://:hunter2@127.0.0.1:6379/0").toString());
    }

    @Test
    void should_reject_bad_urls_with_a_clear_message_that_hides_the_password() {
        String[][] cases = {
                {"http://:hunter2@127.0.0.1:6379/0", "scheme must be redis:// or rediss://"},
                {"redis://:hunter2@127.0.0.1:notaport/0", "the port is not a number"},
                {"redis://:hunter2@/0", "names no host"},
                {"redis://:hunter2@127.0.0.1:6379/zero", "database number"},
                {"redis://:hunter2@127.0.0.1:99999/0", "port must be within 1..65535"},
                {"redis://:hun ter2@127.0.0.1:6379/0", "not a valid URL"},
                {"redis://:hunter2%zz@127.0.0.1:6379/0", "not a valid URL"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("hun ter2"), e.getMessage());
            assertTrue(e.getMessage().contains("***@"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(""));
    }

    @Test
    void should_redact_unparseable_urls_up_to_the_last_at_sign() {
        assertEquals("redis://***@host:6379/0", RedisUrl.redact("redis://u:pa/ss@w@host:6379/0"));
        assertEquals("redis://host:6379/0", RedisUrl.redact("redis://host:6379/0"));
    }
}
