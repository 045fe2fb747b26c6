package dev.quorum.orchestrator.health;

import dev.quorum.memory.store.AgentErrorLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Seed 002's error-rate threshold: the share of agent calls that failed in the last window. Above the threshold the
 * service still decides (the failing agents abstain) but the operator should look, so readiness is DEGRADED.
 */
public final class AgentErrorRateCheck implements ReadinessCheck {

    private final AgentErrorLog errors;
    private final Duration window;
    private final double maxRate;
    private final Clock clock;

    public AgentErrorRateCheck(AgentErrorLog errors, Duration window, double maxRate, Clock clock) {
        this.errors = errors;
        this.window = window;
        this.maxRate = maxRate;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "agent_errors";
    }

    @Override
    public boolean required() {
        return false;
    }

    @Override
    public CheckResult check() {
        long start = System.nanoTime();
        try {
            Instant since = clock.instant().minus(window);
            long failed = errors.failuresSince(since);
            long calls = errors.callsSince(since);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (calls == 0) {
                return new CheckResult(true, "no agent calls in the last " + window.toMinutes() + " min", millis);
            }
            double rate = Math.min(1.0, (double) failed / calls);
            return new CheckResult(rate <= maxRate, String.format(Locale.ROOT,
                    "%d of %d agent calls failed in the last %d min (rate %.3f, threshold %.3f)",
                    failed, calls, window.toMinutes(), rate, maxRate), millis);
        } catch (RuntimeException e) {
            return new CheckResult(false, "agent error log unreadable: " + e.getMessage(), (System.nanoTime() - start) / 1_000_000);
        }
    }
}
