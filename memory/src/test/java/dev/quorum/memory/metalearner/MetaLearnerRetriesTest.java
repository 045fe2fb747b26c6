package dev.quorum.memory.metalearner;

import dev.quorum.envelope.Direction;
import dev.quorum.memory.metalearner.MetaLearnerRetries.Update;
import dev.quorum.memory.store.QuorumDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetaLearnerRetriesTest {

    @Test
    void should_give_back_waiting_updates_in_order_with_an_unknown_hold_duration_kept_unknown(@TempDir Path dir) {
        MetaLearnerRetries retries = new MetaLearnerRetries(QuorumDatabase.open(dir.resolve("quorum.db")), Clock.systemUTC());
        Update known = new Update("d-1", Map.of("technical", new AgentVote(Direction.BULLISH, 0.7, 1.2)), 0.031, OptionalInt.of(7));
        // A non-zero return read after the NULL hold_days: a wasNull() asked one column late would call it known (0).
        Update unknown = new Update("d-2", Map.of("risk", new AgentVote(Direction.BEARISH, 0.6, 0.8)), -0.012, OptionalInt.empty());
        retries.add(known, "database is locked");
        retries.add(unknown, "database is locked");

        assertEquals(List.of(known, unknown), retries.waiting());

        retries.remove("d-1");
        assertEquals(List.of(unknown), retries.waiting());
    }
}
