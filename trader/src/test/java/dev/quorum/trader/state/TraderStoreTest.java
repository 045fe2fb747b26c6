package dev.quorum.trader.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The trader's SQLite file as two trader instances of one book share it. */
class TraderStoreTest {

    @Test
    void should_keep_a_feedback_delivered_by_one_instance_when_the_other_s_late_answer_is_a_refusal(@TempDir Path dir) {
        try (TraderStore a = TraderStore.open(dir.resolve("trader.db")); TraderStore b = TraderStore.open(dir.resolve("trader.db"))) {
            a.inTransaction("enqueue", () -> {
                a.enqueueFeedback("c0ffee", "{}");
                return null;
            });
            // Both listed it as due and posted it; Quorum took A's (200) and refused B's as already recorded (409).
            a.feedbackAttempt("c0ffee", "DELIVERED", Instant.EPOCH, "");
            b.feedbackAttempt("c0ffee", "REFUSED", Instant.EPOCH, "HTTP 409: already recorded");

            BookTotals totals = b.totals();
            assertEquals(1, totals.feedbackDelivered());
            assertEquals(0, totals.feedbackRefused());
        }
    }
}
