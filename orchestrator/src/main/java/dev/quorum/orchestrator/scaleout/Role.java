package dev.quorum.orchestrator.scaleout;

import java.util.Locale;

/** What a {@code serve} process does. */
public enum Role {
    /** Today's single process: schedules, decides, learns and publishes by itself. */
    ALL,
    /** Enqueues the jobs on the schedule and owns learning (outcomes, trust weights); decides nothing. */
    SCHEDULER,
    /** Takes jobs from the job stream, decides, stores, publishes; learns nothing, reads the shared weights. */
    WORKER;

    /** Picocli's converter: {@code all}, {@code scheduler}, {@code worker}, any case. */
    public static Role parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + name + "'; expected all, scheduler or worker");
        }
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
