package dev.quorum.agents.concurrent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonThreadsTest {

    @Test
    void should_make_daemon_threads_named_for_their_work() {
        Thread thread = DaemonThreads.named("ticker").newThread(() -> { });

        assertTrue(thread.isDaemon(), "a forgotten pool must not keep the JVM alive");
        assertEquals("ticker", thread.getName());
    }

    @Test
    void should_run_a_bounded_pool_of_named_daemon_threads_that_end_when_idle() throws Exception {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) DaemonThreads.endingWhenIdle("decision-store", 2, 30);
        try {
            Thread ran = pool.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);

            assertTrue(ran.isDaemon());
            assertEquals("decision-store", ran.getName());
            assertEquals(2, pool.getMaximumPoolSize());
            assertTrue(pool.allowsCoreThreadTimeOut(), "an idle pool holds no thread");
            assertEquals(30, pool.getKeepAliveTime(TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
