package dev.quorum.agents.concurrent;

import java.util.concurrent.ThreadFactory;

/**
 * The thread factory of Quorum's background work (the Ollama calls' pool, recall's calls and retries, the scheduler,
 * readiness checks, market-data sync before a cycle, federation polling, the agent and ticker pools, the outbox
 * publisher, the envelope learner): daemon threads, so a forgotten executor never keeps the JVM alive after
 * {@code main} returns or SIGTERM's shutdown hook ran, each named for what it does in thread dumps.
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
}
