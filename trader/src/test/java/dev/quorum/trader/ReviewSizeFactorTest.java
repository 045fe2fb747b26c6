package dev.quorum.trader;

import dev.quorum.envelope.Verdict;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReviewSizeFactorTest {

    private static double factor(Map<String, Object> meta) {
        return Trader.reviewSizeFactor(Decisions.envelope(Decisions.id("r"), "ACME", "2024-01-02", Verdict.BUY, 0.8, meta));
    }

    @Test
    void should_read_the_peer_reviews_size_factor_and_default_to_one() {
        assertEquals(0.25, factor(Map.of("review", Map.of("status", "CAUTION", "size_factor", 0.25))));
        assertEquals(1.0, factor(Map.of()));
        assertEquals(1.0, factor(Map.of("review", Map.of("status", "APPROVED"))));
        assertEquals(1.0, factor(Map.of("review", Map.of("size_factor", "half"))));
        assertEquals(1.0, factor(Map.of("review", Map.of("size_factor", 7))));
    }
}
