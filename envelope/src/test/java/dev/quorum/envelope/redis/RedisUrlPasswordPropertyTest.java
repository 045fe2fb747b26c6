package dev.quorum.envelope.redis;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Generated passwords, in every topology, percent-encoded or raw: the parsed password is exactly the one written,
 * and neither {@code toString()}, {@code redact()} nor any parse error ever shows it. Seeded, so a failure repeats.
 */
class RedisUrlPasswordPropertyTest {

    private static final String SPECIALS = "@:/?#[]!$&'()*+,;=~-._";
    private static final List<String> LOCATIONS = List.of(
            "redis://%s@127.0.0.1:6379/0",
            "rediss://%s@[::1]:6380/2",
            "redis-sentinel://%s@s1:26379,s2:26380/orders/1",
            "rediss-sentinel://%s@s1/orders",
            "redis-cluster://%s@10.0.0.1:7000,10.0.0.2:7001",
            "rediss-cluster://%s@n1");
    /** A location the parser rejects after reading the user-info: the error must still hide the password. */
    private static final List<String> BROKEN = List.of(
            "redis://%s@127.0.0.1:port/0",
            "redis-sentinel://%s@s1:26379,s2:26379",
            "redis-cluster://%s@n1:7000/5",
            "redis-cluster://%s@n1:7000,,n2",
            "mongodb://%s@n1:7000");

    private final Random random = new Random(20261126L);

    /** Always starts with a marker no host, port or message contains, so "absent from the text" means something. */
    private String password() {
        StringBuilder password = new StringBuilder("Zq9");
        int length = 5 + random.nextInt(20);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(4);
            if (pick == 0) {
                password.append(SPECIALS.charAt(random.nextInt(SPECIALS.length())));
            } else if (pick == 1) {
                password.appendCodePoint(0xE9 + random.nextInt(400)); // accented letters and beyond
            } else {
                password.append((char) ('a' + random.nextInt(26)));
            }
        }
        return password.toString();
    }

    private static String percentEncode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    @Test
    void should_read_back_every_percent_encoded_password_exactly_and_never_show_it() {
        for (int i = 0; i < 400; i++) {
            String password = password();
            String user = random.nextBoolean() ? "" : "quorum";
            for (String location : LOCATIONS) {
                String url = String.format(location, user + ":" + percentEncode(password));
                RedisUrl parsed = RedisUrl.parse(url);
                assertEquals(Optional.of(password), parsed.password(), url);
                assertEquals(user.isEmpty() ? Optional.empty() : Optional.of(user), parsed.user(), url);
                assertHidden(password, percentEncode(password), parsed.toString());
                assertHidden(password, percentEncode(password), RedisUrl.redact(url));
                assertTrue(parsed.toString().contains(":***@"), parsed.toString());
            }
        }
    }

    @Test
    void should_read_raw_passwords_up_to_the_last_at_sign_and_never_show_them() {
        for (int i = 0; i < 400; i++) {
            String password = password();
            for (String location : LOCATIONS) {
                String url = String.format(location, "quorum:" + password);
                RedisUrl parsed = RedisUrl.parse(url);
                assertEquals(Optional.of(password), parsed.password(), url);
                assertHidden(password, password, parsed.toString());
            }
        }
    }

    @Test
    void should_hide_the_password_in_every_parse_error() {
        for (int i = 0; i < 400; i++) {
            String password = password();
            for (String location : BROKEN) {
                for (String userInfo : List.of(":" + password, ":" + percentEncode(password), password + " with space")) {
                    String url = String.format(location, userInfo);
                    try {
                        RedisUrl.parse(url);
                        fail("should not parse: " + RedisUrl.redact(url));
                    } catch (IllegalArgumentException e) {
                        assertHidden(password, percentEncode(password), e.getMessage());
                    }
                }
            }
        }
    }

    private static void assertHidden(String password, String encoded, String text) {
        assertFalse(text.contains(password) || text.contains(encoded) || text.contains("Zq9"), text);
    }
}
