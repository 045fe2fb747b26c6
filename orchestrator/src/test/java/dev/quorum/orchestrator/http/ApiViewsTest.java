package dev.quorum.orchestrator.http;

import dev.quorum.envelope.Direction;
import dev.quorum.memory.trust.AgentSkill;
import dev.quorum.memory.trust.ScoredCall;
import dev.quorum.memory.trust.SessionEvidence;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.backtest.BacktestLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiViewsTest {

    @Test
    void should_refuse_a_performance_window_whose_from_is_after_its_to(@TempDir Path dir) {
        JsonQuery performance = ApiViews.performance(new BacktestLedger(QuorumDatabase.open(dir.resolve("quorum.db"))));
        IllegalArgumentException swapped = assertThrows(IllegalArgumentException.class,
                () -> performance.read(Map.of("from", "2024-01-01", "to", "2023-01-01")));
        assertEquals("from 2024-01-01 is after to 2023-01-01", swapped.getMessage());
        assertEquals(0, ((Number) ((Map<?, ?>) performance.read(Map.of("from", "2024-01-01", "to", "2024-01-01")))
                .get("total_trades")).intValue(), "one day is a window");
    }


    @Test
    void should_show_each_agents_posterior_and_calibration_map_in_the_weights_view() {
        // technical right once at 0.8: alpha 6, beta 5, accuracy 6/11, log-odds ln 1.2; bin 0.8-1 (1 + 60/11) / 11 = 71/121.
        AgentSkill technical = AgentSkill.none("technical")
                .after(new ScoredCall("technical", Direction.BULLISH, 0.8, 0.05, true, 0.05, true), SessionEvidence.WHOLE);

        @SuppressWarnings("unchecked")
        Map<String, Object> view = (Map<String, Object>) ApiViews.skills(Map.of("technical", technical)).get("technical");

        assertEquals(1L, view.get("directional_calls"));
        assertEquals(6.0, (double) view.get("alpha"), 1e-12);
        assertEquals(5.0, (double) view.get("beta"), 1e-12);
        assertEquals(6.0 / 11.0, (double) view.get("accuracy"), 1e-12);
        assertEquals(Math.log(1.2), (double) view.get("log_odds"), 1e-12);
        @SuppressWarnings("unchecked")
        List<Double> calibration = (List<Double>) view.get("calibration");
        for (int bin = 0; bin < 4; bin++) {
            assertEquals(6.0 / 11.0, calibration.get(bin), 1e-12, "an empty bin is the agent's accuracy");
        }
        assertEquals(71.0 / 121.0, calibration.get(4), 1e-12);
    }
}
