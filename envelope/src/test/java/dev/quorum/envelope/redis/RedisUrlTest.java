package dev.quorum.envelope.redis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisUrlTest {

    @Test
    void should_parse_host_port_and_database() {
        RedisUrl url = RedisUrl.parse("redis://10.0.0.5:6390/3");
        assertEquals(RedisTopology.STANDALONE, url.topology());
        assertEquals(List.of(new RedisNode("10.0.0.5", 6390)), url.nodes());
        assertEquals(3, url.database());
        assertFalse(url.tls());
        assertEquals(Optional.empty(), url.password());
        assertEquals(Optional.empty(), url.masterName());
    }

    @Test
    void should_default_port_and_database() {
        RedisUrl url = RedisUrl.parse("redis://cache.internal");
        assertEquals(List.of(new RedisNode("cache.internal", 6379)), url.nodes());
        assertEquals(0, url.database());
        assertEquals("redis://cache.internal:6379/0", url.toString());
        assertEquals("redis://cache.internal:6379/0", RedisUrl.parse("redis://cache.internal/").toString());
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
        assertEquals(Optional.of("s3cret"), RedisUrl.parse("redis://s3cret@127.0.0.1:6379/0").password());
    }

    @Test
    void should_read_bracketed_ipv6_hosts() {
        RedisUrl url = RedisUrl.parse("redis://[::1]:6390/0");
        assertEquals(List.of(new RedisNode("::1", 6390)), url.nodes());
        assertEquals("redis://[::1]:6390/0", url.toString());
    }

    @Test
    void should_parse_sentinels_master_name_and_database_with_the_sentinel_default_port() {
        RedisUrl url = RedisUrl.parse("redis-sentinel://quorum:s3cret@s1.internal,s2.internal:26380,[fd00::3]/orders/2");
        assertEquals(RedisTopology.SENTINEL, url.topology());
        assertEquals(List.of(new RedisNode("s1.internal", 26379), new RedisNode("s2.internal", 26380),
                new RedisNode("fd00::3", 26379)), url.nodes());
        assertEquals(Optional.of("orders"), url.masterName());
        assertEquals(2, url.database());
        assertEquals(Optional.of("quorum"), url.user());
        assertEquals(Optional.of("s3cret"), url.password());
        assertFalse(url.tls());
        assertEquals("redis-sentinel://quorum:***@s1.internal:26379,s2.internal:26380,[fd00::3]:26379/orders/2", url.toString());
        assertEquals(0, RedisUrl.parse("rediss-sentinel://s1/mymaster").database());
        assertTrue(RedisUrl.parse("rediss-sentinel://s1/mymaster").tls());
    }

    @Test
    void should_parse_cluster_seed_nodes() {
        RedisUrl url = RedisUrl.parse("rediss-cluster://:s3cret@10.0.0.1:7000,10.0.0.2:7001,10.0.0.3");
        assertEquals(RedisTopology.CLUSTER, url.topology());
        assertTrue(url.tls());
        assertEquals(List.of(new RedisNode("10.0.0.1", 7000), new RedisNode("10.0.0.2", 7001),
                new RedisNode("10.0.0.3", 6379)), url.nodes());
        assertEquals(0, url.database());
        assertEquals("rediss-cluster://:***@10.0.0.1:7000,10.0.0.2:7001,10.0.0.3:6379", url.toString());
        assertEquals(0, RedisUrl.parse("redis-cluster://n1:7000/0").database());
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
                {"http://:hunter2@127.0.0.1:6379/0", "scheme must be redis://, rediss:// (TLS), redis-sentinel://"},
                {"redis://:hunter2@127.0.0.1:notaport/0", "the port of 127.0.0.1 is not a number: 'notaport'"},
                {"redis://:hunter2@/0", "names no host"},
                {"redis://:hunter2@127.0.0.1:6379/zero", "database number"},
                {"redis://:hunter2@127.0.0.1:99999/0", "port must be within 1..65535"},
                {"redis://:hun ter2@127.0.0.1:6379/0", "not a valid URL"},
                {"redis://:hunter2%zz@127.0.0.1:6379/0", "not a valid URL"},
                {"redis://:hunter2%4@127.0.0.1:6379/0", "not a valid URL"},
                {"redis://:hunter2@127.0.0.1:6379/0?timeout=5", "query parameters and fragments are not supported"},
                {"redis://:hunter2@h1:6379,h2:6379/0", "redis:// takes one host"},
                {"redis-sentinel://:hunter2@s1:26379,s2:26379", "names no master"},
                {"redis-sentinel://:hunter2@s1:26379/", "names no master"},
                {"redis-sentinel://:hunter2@s1:26379/my master", "master name 'my master'"},
                {"redis-sentinel://:hunter2@s1:26379/mymaster/1/2", "only a database number may follow"},
                {"redis-sentinel://:hunter2@s1:26379/mymaster/x", "database number"},
                {"redis-cluster://:hunter2@n1:7000,n2:7001/3", "database 0 only"},
                {"redis-cluster://:hunter2@n1:7000,,n2:7001", "empty host"},
                {"redis-cluster://:hunter2@n1:7000,", "empty host"},
                {"redis-cluster://:hunter2@n1:7000,n1:7000", "lists n1:7000 twice"},
                {"redis-cluster://:hunter2@::1:7000", "write IPv6 addresses in brackets"},
                {"redis-cluster://:hunter2@[::1:7000", "not a valid bracketed IPv6 address"},
                {"redis-cluster://:hunter2@:7000", "names no host before ':7000'"},
                {"redis-cluster://:hunter2@no_such host:7000", "is not a host name"},
                {"redis:/:hunter2@h1:6379/0", "has no scheme"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
            assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("hun ter2"), e.getMessage());
            assertTrue(e.getMessage().contains("expected redis://[user:password@]host:port/db"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(""));
    }

    @Test
    void should_redact_unparseable_urls_up_to_the_last_at_sign() {
        assertEquals("redis://***@host:6379/0", RedisUrl.redact("redis://u:pa/ss@w@host:6379/0"));
        assertEquals("redis://host:6379/0", RedisUrl.redact("redis://host:6379/0"));
        assertEquals("redis-cluster://***@n1:7000,n2:7001", RedisUrl.redact("redis-cluster://u:p@ss@n1:7000,n2:7001"));
        assertEquals("***@h1:6379/0", RedisUrl.redact("redis:/:hunter2@h1:6379/0"));
    }

    @Test
    void should_take_user_info_up_to_the_last_at_sign_as_redact_masks_it() {
        RedisUrl url = RedisUrl.parse("redis-cluster://u:p@ss@n1:7000");
        assertEquals(Optional.of("p@ss"), url.password());
        assertEquals(List.of(new RedisNode("n1", 7000)), url.nodes());
    }
}
