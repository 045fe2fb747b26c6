package dev.quorum.orchestrator.runtime;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BesideAssemblyTest {

    @Test
    void should_run_the_work_while_the_caller_goes_on() throws Exception {
        CountDownLatch callerWentOn = new CountDownLatch(1);
        try (BesideAssembly beside = new BesideAssembly()) {
            // Run on the calling thread, the work would wait for a count-down that comes after it: false after 30 s.
            Supplier<Boolean> work = beside.load(() -> await(callerWentOn));
            callerWentOn.countDown();
            assertTrue(work.get(), "the work did not see the caller go on: it did not run beside it");
        }
    }

    @Test
    void should_throw_the_works_own_exception_when_waited_for() {
        IllegalStateException failure = new IllegalStateException("cannot read the similar-situation index");
        try (BesideAssembly beside = new BesideAssembly()) {
            Supplier<Object> work = beside.load(() -> {
                throw failure;
            });
            assertSame(failure, assertThrows(IllegalStateException.class, work::get));
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
