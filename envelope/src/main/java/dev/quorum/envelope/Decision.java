package dev.quorum.envelope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The full decision for one (ticker, trade date): the consumer's contract (pydantic's MarketMindDecision).
 *
 * @param phaseTimings      free-form timing objects, e.g. {@code {"phase": "agents", "seconds": 4.2}}
 * @param arenaTotalSeconds wall time of the whole run, or null when unknown
 */
public record Decision(Target target, Synthesis synthesis, List<AgentSignalView> agentSignals,
                       SourceMetrics sourceMetrics, List<Map<String, Object>> phaseTimings, Double arenaTotalSeconds) {

    public Decision {
        WireRules.present("target", target);
        WireRules.present("synthesis", synthesis);
        agentSignals = List.copyOf(WireRules.present("agent_signals", agentSignals));
        WireRules.present("source_metrics", sourceMetrics);
        phaseTimings = copyTimings(WireRules.present("phase_timings", phaseTimings));
        if (arenaTotalSeconds != null) {
            WireRules.finite("arena_total_seconds", arenaTotalSeconds);
        }
    }

    private static List<Map<String, Object>> copyTimings(List<Map<String, Object>> timings) {
        List<Map<String, Object>> copy = new ArrayList<>(timings.size());
        for (int i = 0; i < timings.size(); i++) {
            copy.add(JsonValues.copyObject("phase_timings[" + i + "]", timings.get(i)));
        }
        return Collections.unmodifiableList(copy);
    }
}
