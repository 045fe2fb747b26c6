package dev.quorum.envelope;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Aggregate data-source fetch statistics of one decision run.
 *
 * @param bySource calls per source name, in insertion order (the order is kept on the wire)
 */
public record SourceMetrics(long totalCalls, long successful, long failed, long totalBytes, Map<String, Long> bySource) {

    public static final SourceMetrics NONE = new SourceMetrics(0, 0, 0, 0, Map.of());

    public SourceMetrics {
        WireRules.present("by_source", bySource);
        Map<String, Long> copy = new LinkedHashMap<>();
        bySource.forEach((source, calls) -> copy.put(
                WireRules.present("by_source key", source), WireRules.present("by_source." + source, calls)));
        bySource = Collections.unmodifiableMap(copy);
    }
}
