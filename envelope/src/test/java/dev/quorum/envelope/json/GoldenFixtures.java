package dev.quorum.envelope.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the golden JSON files written by src/test/python/golden_fixtures.py from the test classpath. */
final class GoldenFixtures {

    private GoldenFixtures() {
    }

    static String read(String name) {
        try (InputStream in = GoldenFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource dev/quorum/envelope/json/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
