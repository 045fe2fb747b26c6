package dev.quorum.agents.concurrent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonThreadsTest {

    @Test
    void should_make_daemon_threads_named_for_their_work() {
        Thread thread = DaemonThreads.named("ticker").newThread(() -> { });

        assertTrue(thread.isDaemon(), "a forgotten pool must not keep the JVM alive");
        assertEquals("ticker", thread.getName());
    }
}
