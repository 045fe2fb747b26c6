package dev.quorum.orchestrator.health;

import dev.quorum.orchestrator.health.HealthReport.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Folding the checks into one status, and bounding each check whatever it does. */
class ReadinessTest {

    /** Far beyond the per-check limit: the preemptive guard only stops the test from hanging if the bound were broken. */
    static final Duration GUARD = Duration.ofSeconds(15);

    @Test
    void should_report_a_check_that_hangs_as_down_at_its_limit_and_not_start_it_again_while_it_hangs() {
        CountDownLatch lockReleased = new CountDownLatch(1);
        // A required check stuck as a database check behind a lock would be: it ignores any time limit of its own.
        StuckCheck sqlite = new StuckCheck("sqlite", true, lockReleased);
        try (Readiness readiness = new Readiness(List.of(sqlite, new UpCheck("redis")))) {
            HealthReport first = assertTimeoutPreemptively(GUARD, readiness::evaluate);
            HealthReport second = assertTimeoutPreemptively(GUARD, readiness::evaluate);

            assertEquals(Status.DOWN, first.status());
            assertEquals(new HealthReport.CheckView(Status.DOWN, true, "no answer within "
                    + Readiness.CHECK_LIMIT.toMillis() + " ms (still running; not started again until it ends)",
                    first.checks().get("sqlite").millis()), first.checks().get("sqlite"));
            assertEquals(Status.UP, first.checks().get("redis").status(), "the other checks answer as they do");
            assertEquals(Status.DOWN, second.status());
            assertEquals(1, sqlite.runs.get(), "a hung check holds one thread, however often /health is polled");

            lockReleased.countDown();
            assertEquals(Status.UP, assertTimeoutPreemptively(GUARD, readiness::evaluate).status());
        }
    }

    @Test
    void should_report_a_check_that_throws_as_down_with_its_error() {
        ReadinessCheck broken = new UpCheck("chroma") {
            @Override
            public CheckResult check() {
                throw new IllegalStateException("chroma client not configured");
            }
        };
        try (Readiness readiness = new Readiness(List.of(broken, new UpCheck("sqlite")))) {
            HealthReport report = readiness.evaluate();

            assertEquals(Status.UP, report.checks().get("sqlite").status());
            assertEquals(Status.DOWN, report.checks().get("chroma").status());
            assertEquals("the check failed: IllegalStateException: chroma client not configured",
                    report.checks().get("chroma").detail());
        }
    }

    /** An optional check that is always up. */
    static class UpCheck implements ReadinessCheck {

        private final String name;

        UpCheck(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean required() {
            return false;
        }

        @Override
        public CheckResult check() {
            return new CheckResult(true, name + " answers", 0);
        }
    }

    /** A check that answers (up) only once the latch is released, however long that takes. */
    static final class StuckCheck implements ReadinessCheck {

        private final String name;
        private final boolean required;
        private final CountDownLatch released;
        final AtomicInteger runs = new AtomicInteger();

        StuckCheck(String name, boolean required, CountDownLatch released) {
            this.name = name;
            this.required = required;
            this.released = released;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean required() {
            return required;
        }

        @Override
        public CheckResult check() {
            runs.incrementAndGet();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new CheckResult(true, name + " answers", 0);
        }
    }
}
