package dev.quorum.orchestrator.health;

import java.util.Map;

/**
 * @param status the whole process: see {@link Status}
 * @param checks check name to its result
 */
public record HealthReport(Status status, Map<String, CheckView> checks) {

    /** Written by name on {@code /health} ({@code "UP"}, ...), which probes and the dashboard read. */
    public enum Status {
        /** Everything answers. */
        UP,
        /** An optional dependency is down: decisions go on without it. */
        DEGRADED,
        /** A required dependency is down (a check is only ever UP or DOWN). */
        DOWN
    }

    /** One check as the endpoint shows it. */
    public record CheckView(Status status, boolean required, String detail, long millis) {
    }

    public boolean down() {
        return status == Status.DOWN;
    }
}
