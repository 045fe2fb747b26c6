package dev.quorum.orchestrator.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cycle benchmark's per-phase breakdown, against hand-computed cases. */
class PhaseBreakdownTest {

    private static final Map<String, Double> TWO_ROUND_TRIPS = Map.of("agents", 0.200, "synthesis", 0.200);

    private static PhaseBreakdown.Timed decision(double features, double agents, double synthesis, double envelope,
                                                 double total) {
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("features", features);
        phases.put("agents", agents);
        phases.put("synthesis", synthesis);
        phases.put("envelope", envelope);
        return new PhaseBreakdown.Timed(phases, total, TWO_ROUND_TRIPS);
    }

    @Test
    void should_charge_each_phase_its_time_beyond_its_round_trips_and_the_rest_to_before_and_between_the_tickers() {
        // One ticker at a time, L = 200 ms, ideal 0.800 s; wall 0.900 s: 50 ms per decision over the ideal. The first
        // ticker's phases began 10 ms into the cycle.
        PhaseBreakdown breakdown = PhaseBreakdown.of(List.of(
                decision(0.010, 0.230, 0.215, 0.002, 0.457),
                decision(0.000, 0.210, 0.205, 0.001, 0.416)), 0.900, 1, 0.010);

        // features (10 + 0) / 2; agents (30 + 10) / 2; synthesis (15 + 5) / 2; envelope (2 + 1) / 2; before the
        // first ticker 10 / 2; the rest (900 - 457 - 416 - 10) / 2 = 8.5: together 50.0.
        Map<String, Double> ms = breakdown.msPerDecision();
        assertEquals(List.of("features", "agents", "synthesis", "envelope", PhaseBreakdown.BEFORE, PhaseBreakdown.AFTER),
                List.copyOf(ms.keySet()));
        assertEquals(5.0, ms.get("features"), 1e-9);
        assertEquals(20.0, ms.get("agents"), 1e-9);
        assertEquals(10.0, ms.get("synthesis"), 1e-9);
        assertEquals(1.5, ms.get("envelope"), 1e-9);
        assertEquals(5.0, ms.get(PhaseBreakdown.BEFORE), 1e-9);
        assertEquals(8.5, ms.get(PhaseBreakdown.AFTER), 1e-9);
        assertEquals(50.0, ms.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertEquals("agents", breakdown.largest().getKey());
        assertEquals("features 5.0 ms, agents 20.0 ms, synthesis 10.0 ms, envelope 1.5 ms, before the first ticker 5.0 ms, "
                + "store and next ticker 8.5 ms", breakdown.describe());
    }

    @Test
    void should_count_only_the_longest_decision_of_a_wave_as_covered_by_the_phases() {
        // Two tickers at once: the wave's phases overlap, so the wall time contains the longer one (0.450 s) only.
        PhaseBreakdown breakdown = PhaseBreakdown.of(List.of(
                decision(0.000, 0.240, 0.205, 0.005, 0.450),
                decision(0.000, 0.220, 0.210, 0.000, 0.430)), 0.500, 2, 0.020);

        assertEquals(15.0, breakdown.msPerDecision().get(PhaseBreakdown.AFTER), 1e-9); // (500 - 450 - 20) / 2
        assertEquals(30.0, breakdown.msPerDecision().get("agents"), 1e-9); // (40 + 20) / 2
        assertEquals("agents", breakdown.largest().getKey());
    }
}
