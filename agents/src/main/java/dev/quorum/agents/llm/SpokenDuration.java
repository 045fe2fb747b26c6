package dev.quorum.agents.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A duration as people write it in a log line or a table: {@code 10 minutes}, {@code 1 hour 30 minutes}, {@code 45 s}. */
public final class SpokenDuration {

    private SpokenDuration() {
    }

    public static String of(Duration duration) {
        if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
            long millis = duration.toMillis();
            return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
        }
        List<String> parts = new ArrayList<>();
        add(parts, duration.toDaysPart(), "day");
        add(parts, duration.toHoursPart(), "hour");
        add(parts, duration.toMinutesPart(), "minute");
        add(parts, duration.toSecondsPart(), "second");
        return String.join(" ", parts);
    }

    private static void add(List<String> parts, long amount, String unit) {
        if (amount > 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }
}
