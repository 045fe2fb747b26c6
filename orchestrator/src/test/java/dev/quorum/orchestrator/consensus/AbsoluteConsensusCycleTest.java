package dev.quorum.orchestrator.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.reliability.StoredRows;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code consensus.mode: absolute} through the real runtime: the rules panel on {@code samples/market}, seed 000's
 * weights ({@code trust.policy: win-rate}, 1.0 before any outcome), every stored verdict recomputed by hand from the
 * envelope's own votes.
 */
class AbsoluteConsensusCycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void should_decide_every_ticker_by_the_summed_weight_of_the_agreeing_voters() throws Exception {
        QuorumConfig config = new ConfigLoader(Map.of(
                "QUORUM_DATA_DIR", dir.toString(),
                "QUORUM_MARKET_DATA_DIR", ProjectPaths.root().resolve("samples/market").toString(),
                "QUORUM_MEMORY_RECALL_K", "0",
                "QUORUM_CONSENSUS_MODE", "absolute",
                "QUORUM_TRUST_POLICY", "win-rate")).from(Optional.empty());
        try (QuorumRuntime runtime = QuorumRuntime.open(config, PublishTarget.FILE)) {
            runtime.cycle().run(config.watchlist(), LocalDate.parse("2024-06-03"), () -> false);
        }

        int acted = 0;
        int held = 0;
        for (String envelope : StoredRows.column(config.sqliteFile(), "SELECT envelope_json FROM decisions")) {
            JsonNode decision = JSON.readTree(envelope).get("decision");
            double bullish = 0;
            double bearish = 0;
            double bullishConfidence = 0;
            double bearishConfidence = 0;
            int voters = decision.get("agent_signals").size();
            for (JsonNode signal : decision.get("agent_signals")) {
                if (signal.get("signal").asText().equals("BULLISH")) {
                    bullish += 1.0;
                    bullishConfidence += signal.get("confidence").asDouble();
                } else if (signal.get("signal").asText().equals("BEARISH")) {
                    bearish += 1.0;
                    bearishConfidence += signal.get("confidence").asDouble();
                }
            }
            JsonNode synthesis = decision.get("synthesis");
            String ticker = decision.at("/target/ticker").asText();
            if (bullish >= 3.0 && bullish > bearish) {
                assertEquals("BUY", synthesis.get("verdict").asText(), ticker);
                assertEquals(bullishConfidence / voters, synthesis.get("confidence").asDouble(), 1e-9, ticker);
                acted++;
            } else if (bearish >= 3.0 && bearish > bullish) {
                assertEquals("SELL", synthesis.get("verdict").asText(), ticker);
                assertEquals(bearishConfidence / voters, synthesis.get("confidence").asDouble(), 1e-9, ticker);
                acted++;
            } else {
                assertEquals("HOLD", synthesis.get("verdict").asText(), ticker);
                assertEquals(Math.max(0.0, 1.0 - Math.max(bullish, bearish) / 3.0), synthesis.get("confidence").asDouble(), 1e-9, ticker);
                assertTrue(synthesis.get("reasoning").asText().startsWith("No absolute weighted consensus"), synthesis.toString());
                held++;
            }
        }
        assertEquals(5, acted + held, "one decision per watchlist ticker");
        assertTrue(acted > 0 && held > 0, "the day has both outcomes, so both branches were checked: acted " + acted + ", held " + held);
    }
}
