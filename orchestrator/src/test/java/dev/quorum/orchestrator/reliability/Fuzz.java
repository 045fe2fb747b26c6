package dev.quorum.orchestrator.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * The seeded source of hostile values for the property-style tests. One seed per test class run
 * ({@code -Dquorum.fuzz.seed=N}, default fixed) and a case count ({@code -Dquorum.fuzz.cases=N}): a failing case
 * names its seed and index, and rerunning with the same seed replays it exactly.
 */
public final class Fuzz {

    private static final long DEFAULT_SEED = 20_261_125L;
    private static final List<String> NASTY_TEXT = List.of(
            "", " ", "\t", "null", "NaN", "Infinity", "-Infinity", "1e309", "-0", "0x1F", "true", "[]", "{}",
            "\u0000", "\uFEFF", "\u202Eevil", "ünïcødé", "😀", "'; DROP TABLE decisions; --", "../../etc/passwd",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "%s%n%x", "\\", "\"", "a\nb", "9".repeat(400));

    private static final String SEPARATORS = ",;:\"'{}[]\n\r\t\\";

    private final long seed;
    private final Random random;

    private Fuzz(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** The generator for the seed configured for this run; {@code salt} keeps test classes independent. */
    public static Fuzz seeded(String salt) {
        return new Fuzz(Long.getLong("quorum.fuzz.seed", DEFAULT_SEED) ^ salt.hashCode());
    }

    /** How many cases each property runs ({@code -Dquorum.fuzz.cases}). */
    public static int cases(int byDefault) {
        return Integer.getInteger("quorum.fuzz.cases", byDefault);
    }

    public long seed() {
        return seed;
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A short text likely to break a parser or a check: empty, control characters, numbers that are not, huge. */
    public String nastyText() {
        return chance(0.7) ? pick(NASTY_TEXT) : randomText(1 + nextInt(40));
    }

    /** Random printable and unprintable characters, including quotes, separators and non-ASCII. */
    public String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) (32 + random.nextInt(95)));
            } else if (kind < 8) {
                text.append(SEPARATORS.charAt(random.nextInt(SEPARATORS.length())));
            } else {
                int codePoint = 0x80 + random.nextInt(0x2FF80);
                // Lone surrogates cannot be encoded at all; raw bad bytes come from randomBytes instead.
                text.appendCodePoint(Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF ? 0xFFFD : codePoint);
            }
        }
        return text.toString();
    }

    public byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Random bytes read as UTF-8 (malformed sequences become U+FFFD, as a server decoding them would). */
    public String randomUtf8(int length) {
        return new String(randomBytes(length), StandardCharsets.UTF_8);
    }
}
