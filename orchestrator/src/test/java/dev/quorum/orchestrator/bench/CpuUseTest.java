package dev.quorum.orchestrator.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cycle benchmark's CPU breakdown, against a hand-computed case. */
class CpuUseTest {

    @Test
    void should_sum_a_pools_threads_under_its_name_and_divide_by_the_decisions() {
        // 5 decisions; 300 ms of process CPU: 100 ms JIT, 10 ms GC, two ollama-call threads 20 + 10 ms, main 40 ms, a
        // flusher at 2 ms (0.4 ms per decision: below the 0.5 ms shown).
        CpuUse use = CpuUse.of(300_000_000L, 100, 10, Map.of("ollama-call", 20_000_000L, "ollama-call-2", 10_000_000L,
                "main", 40_000_000L, "stream-flusher-1", 2_000_000L));

        assertEquals("60.0 ms per decision: JIT compiler 20.0, GC 2.0; threads: main 8.0, ollama-call 6.0", use.describe(5));
    }

    @Test
    void should_group_by_the_name_without_its_trailing_number() {
        assertEquals("HttpClient-2-Worker", CpuUse.group("HttpClient-2-Worker-7"));
        assertEquals("ticker", CpuUse.group("ticker"));
        assertEquals("42", CpuUse.group("42"));
    }
}
