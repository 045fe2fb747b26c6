package dev.quorum.orchestrator.reliability.input;

import dev.quorum.orchestrator.reliability.ServedQuorum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator who runs {@code quorum demo} from their home directory, not from the installation: the shipped sample
 * and prompts are found beside the installation, and the state goes where they are (./var).
 */
class RunFromAnywhereTest {

    @TempDir
    Path elsewhere;

    @Test
    void should_run_the_demo_from_another_directory_on_the_shipped_sample() throws Exception {
        ServedQuorum demo = ServedQuorum.startIn(elsewhere, List.of(), elsewhere.resolve("logs"),
                Map.of("QUORUM_MEMORY_RECALL_K", "0"), "demo");
        assertEquals(0, demo.awaitExit(Duration.ofMinutes(2)), demo.stderr());
        assertTrue(demo.stdout().contains("AAPL"), demo.stdout());
        assertTrue(Files.exists(elsewhere.resolve("var/quorum.db")), "the state is the operator's, under ./var");
        assertTrue(!Files.exists(elsewhere.resolve("samples")) && !Files.exists(elsewhere.resolve("prompts")));
    }
}
