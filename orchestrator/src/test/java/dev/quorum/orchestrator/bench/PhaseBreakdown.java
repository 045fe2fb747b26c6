package dev.quorum.orchestrator.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where a cycle's time beyond its ideal critical path went, phase by phase, in milliseconds per decision: each phase of
 * the envelopes' {@code phase_timings} less the share of the ideal it contains (the LLM round trips of the agents and
 * of the synthesis), and what the phases do not cover: {@link #BEFORE} (resolving outcomes, the already-decided
 * checks) and {@link #AFTER} (storing each decision with its outbox row, going on to the next ticker). The phases of
 * the tickers of a wave overlap, so the wave's longest decision is what the wall time contains of it; with one ticker
 * at a time the entries add up to {@code (wall - ideal) / decisions}, up to the envelopes' millisecond rounding.
 *
 * @param msPerDecision in phase order, then {@link #BEFORE} and {@link #AFTER}
 */
record PhaseBreakdown(Map<String, Double> msPerDecision) {

    static final String BEFORE = "before the first ticker";
    static final String AFTER = "store and next ticker";

    /**
     * One decision's timings.
     *
     * @param phases       the envelope's {@code phase_timings}, in seconds, in order
     * @param totalSeconds the envelope's {@code arena_total_seconds}
     * @param idealSeconds per phase, the part of the ideal critical path in it (absent: none)
     */
    record Timed(Map<String, Double> phases, double totalSeconds, Map<String, Double> idealSeconds) {
    }

    /**
     * @param decisions         in the order they were decided, in waves of {@code parallelTickers}
     * @param firstStartSeconds from the cycle's start to the first decision's first phase
     */
    static PhaseBreakdown of(List<Timed> decisions, double wallSeconds, int parallelTickers, double firstStartSeconds) {
        Map<String, Double> excess = new LinkedHashMap<>();
        double covered = 0;
        for (int start = 0; start < decisions.size(); start += parallelTickers) {
            double longest = 0;
            for (Timed d : decisions.subList(start, Math.min(decisions.size(), start + parallelTickers))) {
                d.phases().forEach((phase, seconds) ->
                        excess.merge(phase, seconds - d.idealSeconds().getOrDefault(phase, 0.0), Double::sum));
                longest = Math.max(longest, d.totalSeconds());
            }
            covered += longest;
        }
        int n = Math.max(1, decisions.size());
        Map<String, Double> perDecision = new LinkedHashMap<>();
        excess.forEach((phase, seconds) -> perDecision.put(phase, seconds * 1000 / n));
        perDecision.put(BEFORE, firstStartSeconds * 1000 / n);
        perDecision.put(AFTER, (wallSeconds - covered - firstStartSeconds) * 1000 / n);
        return new PhaseBreakdown(perDecision);
    }

    /** The phase that costs most beyond the ideal. */
    Map.Entry<String, Double> largest() {
        return msPerDecision.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    }

    /** "features 5.0 ms, agents 20.0 ms, ..., store and next ticker 8.5 ms". */
    String describe() {
        StringJoiner line = new StringJoiner(", ");
        msPerDecision.forEach((phase, ms) -> line.add(String.format(Locale.ROOT, "%s %.1f ms", phase, ms)));
        return line.toString();
    }
}
