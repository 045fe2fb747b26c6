package dev.quorum.orchestrator.health;

import dev.quorum.agents.concurrent.DaemonThreads;
import dev.quorum.orchestrator.health.HealthReport.Status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs every check at once (each bounds its own time) and folds them into UP / DEGRADED / DOWN. */
public final class Readiness implements AutoCloseable {

    private final List<ReadinessCheck> checks;
    private final ExecutorService pool;

    public Readiness(List<ReadinessCheck> checks) {
        this.checks = List.copyOf(checks);
        this.pool = Executors.newFixedThreadPool(Math.max(1, this.checks.size()), DaemonThreads.named("readiness-check"));
    }

    public HealthReport evaluate() {
        Map<String, CompletableFuture<CheckResult>> running = new LinkedHashMap<>();
        for (ReadinessCheck check : checks) {
            running.put(check.name(), CompletableFuture.supplyAsync(check::check, pool));
        }
        Map<String, HealthReport.CheckView> views = new LinkedHashMap<>();
        boolean requiredDown = false;
        boolean optionalDown = false;
        for (ReadinessCheck check : checks) {
            CheckResult result = running.get(check.name()).join();
            views.put(check.name(), new HealthReport.CheckView(result.up() ? Status.UP : Status.DOWN, check.required(),
                    result.detail(), result.millis()));
            if (!result.up()) {
                requiredDown |= check.required();
                optionalDown |= !check.required();
            }
        }
        return new HealthReport(requiredDown ? Status.DOWN : optionalDown ? Status.DEGRADED : Status.UP, views);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
