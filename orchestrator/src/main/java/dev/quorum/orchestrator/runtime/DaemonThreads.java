package dev.quorum.orchestrator.runtime;

import java.util.concurrent.ThreadFactory;

/**
 * The thread factory of the orchestrator's background work (scheduler, readiness checks, market-data sync before a
 * cycle, federation polling, the agent and ticker pools): daemon threads, so a forgotten executor never keeps the
 * JVM alive after {@code main} returns or SIGTERM's shutdown hook ran, each named for what it does in thread dumps.
 * <p>It lives here, beside the composition root that owns these components, rather than in a shared module: the
 * agents module ({@code ModelChainClient}) and the memory module ({@code ResilientSituationMemory}) each name their
 * one pool themselves, and a cross-module helper for a three-line lambda would couple them to the orchestrator's
 * lifecycle for no gain.
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
