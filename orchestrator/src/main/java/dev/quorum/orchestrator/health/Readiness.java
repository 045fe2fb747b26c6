package dev.quorum.orchestrator.health;

import dev.quorum.agents.concurrent.DaemonThreads;
import dev.quorum.orchestrator.health.HealthReport.Status;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every check at once and folds them into UP / DEGRADED / DOWN. Each check bounds its own time, and this bounds
 * each once more, at {@link #CHECK_LIMIT}: a check that hangs anyway (a database read stuck behind a lock, a client
 * without a timeout) is DOWN at the limit with a detail saying so, instead of holding {@code /health}, which is what
 * a load balancer routes by. A check still running is not started again: the next evaluation waits for the same run,
 * so a hung check holds one thread however often {@code /health} is polled, and answers again once it ends.
 */
public final class Readiness implements AutoCloseable {

    /**
     * The most one check may take: a second above the longest bound a check keeps itself (Chroma's heartbeat, 2 s; an
     * Ollama probe's two GETs of 1 s), so it only cuts a check that is broken, not one that is slow.
     */
    static final Duration CHECK_LIMIT = Duration.ofSeconds(3);

    private final List<ReadinessCheck> checks;
    private final ExecutorService pool;
    private final Map<String, CompletableFuture<CheckResult>> runs = new ConcurrentHashMap<>();

    public Readiness(List<ReadinessCheck> checks) {
        this.checks = List.copyOf(checks);
        this.pool = Executors.newFixedThreadPool(Math.max(1, this.checks.size()), DaemonThreads.named("readiness-check"));
    }

    public HealthReport evaluate() {
        long start = System.nanoTime();
        long deadline = start + CHECK_LIMIT.toNanos();
        Map<String, CompletableFuture<CheckResult>> running = new LinkedHashMap<>();
        for (ReadinessCheck check : checks) {
            running.put(check.name(), runs.compute(check.name(), (name, run) -> run != null && !run.isDone() ? run
                    : CompletableFuture.supplyAsync(check::check, pool)));
        }
        Map<String, HealthReport.CheckView> views = new LinkedHashMap<>();
        boolean requiredDown = false;
        boolean optionalDown = false;
        for (ReadinessCheck check : checks) {
            CheckResult result = result(running.get(check.name()), deadline, start);
            views.put(check.name(), new HealthReport.CheckView(result.up() ? Status.UP : Status.DOWN, check.required(),
                    result.detail(), result.millis()));
            if (!result.up()) {
                requiredDown |= check.required();
                optionalDown |= !check.required();
            }
        }
        return new HealthReport(requiredDown ? Status.DOWN : optionalDown ? Status.DEGRADED : Status.UP, views);
    }

    /** The check's result by the deadline; DOWN, saying why, when it has none by then or threw. */
    private static CheckResult result(CompletableFuture<CheckResult> run, long deadline, long start) {
        try {
            return run.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new CheckResult(false, "no answer within " + CHECK_LIMIT.toMillis()
                    + " ms (still running; not started again until it ends)", HttpEndpointCheck.millisSince(start));
        } catch (ExecutionException e) {
            // Checks are not to throw; one that does is DOWN with its error rather than a failed /health.
            Throwable cause = e.getCause();
            return new CheckResult(false, "the check failed: " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage(), HttpEndpointCheck.millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckResult(false, "interrupted while waiting for the check", HttpEndpointCheck.millisSince(start));
        }
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
