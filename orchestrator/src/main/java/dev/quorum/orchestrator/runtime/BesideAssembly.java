package dev.quorum.orchestrator.runtime;

import dev.quorum.agents.concurrent.DaemonThreads;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Start-up work that runs on its own threads while the main thread goes on assembling the runtime, instead of one
 * step after the other: loading the in-process embedding model (a third of the service's start, by a JFR profile)
 * while SQLite opens and Redis connects, and, for {@code serve}, reading the watchlist's price files that the first
 * readiness check and the first cycle read anyway. The runtime joins every such task before it is returned, so a
 * runtime that exists (and a service that answers ready) decides with recall; nothing is deferred past readiness.
 */
final class BesideAssembly implements AutoCloseable {

    // Two: the model's load and the price files' reading are each one thread's work; the main thread does the rest.
    private final ExecutorService pool = Executors.newFixedThreadPool(2, DaemonThreads.named("start-up"));

    /** Starts {@code work} now; the supplier returned waits for it and throws what it threw. */
    <T> Supplier<T> load(Supplier<T> work) {
        CompletableFuture<T> running = CompletableFuture.supplyAsync(work, pool);
        return () -> join(running);
    }

    private static <T> T join(CompletableFuture<T> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            // The same exception as when the work ran on the calling thread: start-up errors keep their one line.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Takes no new work; a task still running (after a failed assembly) ends on its own daemon thread. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
