package dev.quorum.orchestrator.http;

import dev.quorum.memory.store.DashboardQueries.CallOutcome;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgentTrackRecordTest {

    private static final LocalDate D1 = LocalDate.parse("2024-06-03");
    private static final LocalDate D2 = LocalDate.parse("2024-06-04");

    @Test
    void should_accumulate_hit_rate_and_calibration_gap_per_agent_after_each_trade_date() {
        List<CallOutcome> calls = List.of(
                new CallOutcome("technical", D1, "BULLISH", 0.80, true),
                new CallOutcome("risk", D1, "BEARISH", 0.60, false),
                new CallOutcome("technical", D1, "BEARISH", 0.60, false),
                new CallOutcome("technical", D2, "BULLISH", 0.70, true));

        Map<String, List<AgentTrackRecord.Point>> record = AgentTrackRecord.of(calls);

        // By hand. technical after D1: 1 of 2 right, mean confidence (0.80 + 0.60) / 2 = 0.70, gap 0.70 - 0.50 = +0.20.
        // After D2: 2 of 3, mean (0.80 + 0.60 + 0.70) / 3 = 0.70, gap 0.70 - 0.6667 = +0.0333.
        // risk after D1: 0 of 1, mean 0.60, gap +0.60. Agents come sorted by name.
        assertEquals(List.of("risk", "technical"), List.copyOf(record.keySet()));
        List<AgentTrackRecord.Point> technical = record.get("technical");
        assertEquals(2, technical.size());
        assertPoint(technical.get(0), "2024-06-03", 2, 1, 0.50, 0.70, 0.20);
        assertPoint(technical.get(1), "2024-06-04", 3, 2, 2.0 / 3, 0.70, 0.70 - 2.0 / 3);
        assertPoint(record.get("risk").get(0), "2024-06-03", 1, 0, 0.0, 0.60, 0.60);
    }

    @Test
    void should_have_no_agent_without_a_scored_call() {
        assertEquals(Map.of("agents", Map.of()), AgentTrackRecord.view(List.of()));
    }

    private static void assertPoint(AgentTrackRecord.Point p, String date, long calls, long right, double hitRate,
                                    double meanConfidence, double gap) {
        assertEquals(date, p.tradeDate());
        assertEquals(calls, p.calls());
        assertEquals(right, p.right());
        assertEquals(hitRate, p.hitRate(), 1e-12);
        assertEquals(meanConfidence, p.meanConfidence(), 1e-12);
        assertEquals(gap, p.calibrationGap(), 1e-12);
    }
}
