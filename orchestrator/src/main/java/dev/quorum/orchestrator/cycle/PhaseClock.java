package dev.quorum.orchestrator.cycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Measures the phases of one decision for the envelope's {@code phase_timings}: {@code {phase, seconds}} objects. */
final class PhaseClock {

    private final long start = System.nanoTime();
    private long phaseStart = start;
    private final List<Map<String, Object>> timings = new ArrayList<>();

    /** Ends the running phase under {@code name} and starts the next. */
    void lap(String name) {
        long now = System.nanoTime();
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("phase", name);
        timing.put("seconds", seconds(now - phaseStart));
        timings.add(timing);
        phaseStart = now;
    }

    List<Map<String, Object>> timings() {
        return List.copyOf(timings);
    }

    double totalSeconds() {
        return seconds(System.nanoTime() - start);
    }

    private static double seconds(long nanos) {
        // Millisecond resolution: finer digits would be noise on the wire.
        return Math.round(nanos / 1_000_000.0) / 1000.0;
    }
}
