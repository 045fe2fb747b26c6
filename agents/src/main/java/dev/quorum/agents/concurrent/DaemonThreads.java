package dev.quorum.agents.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The thread factory of Quorum's background work (the Ollama calls' pool, recall's calls and retries, the scheduler,
 * readiness checks, market-data sync before a cycle, federation polling, the agent and ticker pools, the outbox
 * publisher, the envelope learner): daemon threads, so a forgotten executor never keeps the JVM alive after
 * {@code main} returns or SIGTERM's shutdown hook ran, each named for what it does in thread dumps. Pools kept for
 * the process's life that must not hold threads while idle (the cycle's input preparation and decision store) come
 * from {@link #endingWhenIdle}.
 * <p>It lives in the agents module, the lowest one that runs background work, so that agents, memory and the
 * orchestrator share it. The trader depends only on the envelope (the consumers' contract, no place for a thread
 * helper) and names its one consuming thread itself ({@code TraderRuntime}).
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Daemon threads all named {@code name} (the pools are small; the name says whose they are). */
    public static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * At most {@code threads} daemon threads named {@code name} taking tasks in order from an unbounded queue; a thread
     * idle for {@code idleSeconds} ends, so a pool kept for the process's life holds no thread while it has no work.
     */
    public static ExecutorService endingWhenIdle(String name, int threads, long idleSeconds) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, idleSeconds, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
