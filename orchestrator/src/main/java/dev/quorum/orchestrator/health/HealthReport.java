package dev.quorum.orchestrator.health;

import java.util.Map;

/**
 * @param status {@code UP} (everything answers), {@code DEGRADED} (an optional dependency is down) or {@code DOWN}
 *               (a required one is)
 * @param checks check name to its result
 */
public record HealthReport(String status, Map<String, CheckView> checks) {

    /** One check as the endpoint shows it. */
    public record CheckView(String status, boolean required, String detail, long millis) {
    }

    public boolean down() {
        return "DOWN".equals(status);
    }
}
