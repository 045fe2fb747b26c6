package dev.quorum.orchestrator.http;

import dev.quorum.memory.store.DashboardQueries.CallOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each agent's directional accuracy and calibration as they stood after each trade date, from the scored calls
 * (cumulative: every call up to and including that date counts once):
 * <pre>
 *   hit_rate          = right calls / calls
 *   mean_confidence   = sum of stated confidences / calls
 *   calibration_gap   = mean_confidence - hit_rate     (&gt; 0: over-confident, &lt; 0: under-confident)
 * </pre>
 * Unlike the trust skill's forgetting posterior, these are plain counts, so a reader can recompute each point.
 */
public final class AgentTrackRecord {

    private AgentTrackRecord() {
    }

    /** One agent's standing after one trade date. */
    public record Point(String tradeDate, long calls, long right, double hitRate, double meanConfidence, double calibrationGap) {
    }

    /** Per agent (sorted by name), one point per trade date on which it made a scored directional call. */
    public static Map<String, List<Point>> of(List<CallOutcome> calls) {
        Map<String, List<CallOutcome>> byAgent = new TreeMap<>();
        for (CallOutcome call : calls) {
            byAgent.computeIfAbsent(call.agent(), a -> new ArrayList<>()).add(call);
        }
        Map<String, List<Point>> record = new LinkedHashMap<>();
        byAgent.forEach((agent, own) -> {
            List<Point> points = new ArrayList<>();
            long n = 0;
            long right = 0;
            double confidence = 0;
            for (int i = 0; i < own.size(); i++) {
                CallOutcome call = own.get(i);
                n++;
                right += call.correct() ? 1 : 0;
                confidence += call.confidence();
                boolean lastOfDay = i + 1 == own.size() || !own.get(i + 1).tradeDate().equals(call.tradeDate());
                if (lastOfDay) {
                    double hitRate = (double) right / n;
                    double mean = confidence / n;
                    points.add(new Point(call.tradeDate().toString(), n, right, hitRate, mean, mean - hitRate));
                }
            }
            record.put(agent, points);
        });
        return record;
    }

    /** The JSON shape: {@code {"agents": {name: [{trade_date, calls, right, hit_rate, mean_confidence, calibration_gap}]}}}. */
    public static Map<String, Object> view(List<CallOutcome> calls) {
        Map<String, Object> agents = new LinkedHashMap<>();
        of(calls).forEach((agent, points) -> agents.put(agent, points.stream().map(p -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("trade_date", p.tradeDate());
            row.put("calls", p.calls());
            row.put("right", p.right());
            row.put("hit_rate", p.hitRate());
            row.put("mean_confidence", p.meanConfidence());
            row.put("calibration_gap", p.calibrationGap());
            return row;
        }).toList()));
        return Map.of("agents", agents);
    }
}
