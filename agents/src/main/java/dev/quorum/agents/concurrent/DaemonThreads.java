package dev.quorum.orchestrator.concurrent;

import java.util.concurrent.ThreadFactory;

/**
 * The thread factory of the orchestrator's background work (scheduler, readiness checks, market-data sync before a
 * cycle, federation polling, the agent and ticker pools, the outbox publisher, the envelope learner): daemon threads,
 * so a forgotten executor never keeps the JVM alive after {@code main} returns or SIGTERM's shutdown hook ran, each
 * named for what it does in thread dumps.
 * <p>It has a package of its own so that every orchestrator package can use it: the decision cycle included, which
 * the composition root ({@code runtime}) builds and so cannot depend on. The agents and memory modules sit below the
 * orchestrator and the trader beside it; each names its one pool or thread itself ({@code ModelChainClient},
 * {@code ResilientSituationMemory}, {@code TraderRuntime}), and the one module they all share is the envelope, the
 * consumers' contract, no place for a thread helper.
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
