package dev.quorum.orchestrator.health;

/**
 * @param up     whether the dependency answered as expected
 * @param detail what was checked and what came back (no secrets: URLs are redacted)
 * @param millis how long the check took
 */
public record CheckResult(boolean up, String detail, long millis) {
}
