package dev.quorum.orchestrator.runtime;

import dev.quorum.agents.features.AgentInputs;
import dev.quorum.memory.metalearner.MetaLearnerConfig;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.scaleout.EnvelopeLearner;
import dev.quorum.orchestrator.scaleout.JobQueue;
import dev.quorum.orchestrator.scaleout.JobScheduling;
import dev.quorum.orchestrator.scaleout.JobWorker;
import dev.quorum.orchestrator.scaleout.PublishedDecisions;
import dev.quorum.orchestrator.scaleout.ScaleKeys;
import dev.quorum.orchestrator.scaleout.SharedMetaLearner;
import dev.quorum.orchestrator.scaleout.WorkerEngine;
import dev.quorum.orchestrator.service.CycleRunner;
import dev.quorum.orchestrator.service.Engine;
import dev.quorum.orchestrator.service.ScheduledEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import redis.clients.jedis.UnifiedJedis;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a {@code serve} role runs on top of its {@link QuorumRuntime}, one assembly per role: its engine for the API
 * and how it stops (true when it stopped in time).
 * <ul>
 *   <li>{@link #all}: cycles on the schedule, deciding every ticker here;</li>
 *   <li>{@link #scheduler}: on the schedule, enqueues one job per ticker; learns from every published envelope
 *       while it holds the learner lease, and hands workers the retrained model before each enqueue;</li>
 *   <li>{@link #worker}: decides the jobs it takes from the job stream.</li>
 * </ul>
 */
public record RoleWork(Engine engine, BooleanSupplier stop) {

    /** How long a shutdown waits for the ticker in progress (an LLM decision can take this long). */
    public static final Duration STOP_WAIT = Duration.ofSeconds(60);
    /** How long a dead scheduler keeps a stand-by one from learning. */
    private static final Duration LEARNER_LEASE = Duration.ofSeconds(30);
    /**
     * How long a scheduler's cycle waits for its learner to lead when no other scheduler does: to take the free lease
     * and copy what the previous leader copied. A stand-by whose leader is alive does not wait.
     */
    private static final Duration LEAD_WAIT = Duration.ofMinutes(5);

    /** Role {@code all}: the runtime's cycle on the schedule, for the sessions {@code tradeDate} names. */
    public static RoleWork all(QuorumRuntime runtime, Supplier<LocalDate> tradeDate) {
        return all(runtime, tradeDate, Clock.systemUTC());
    }

    /** As {@link #all(QuorumRuntime, Supplier)}, with the clock the start compares the schedule's times with. */
    static RoleWork all(QuorumRuntime runtime, Supplier<LocalDate> tradeDate, Clock clock) {
        ScheduledEngine engine = startedEngine(runtime, runtime.cycle()::run, tradeDate, clock);
        // A restart decides what a stopped or crashed process left of the latest session, or the session whose
        // scheduled cycle it was down for, not only the next one.
        engine.resumeLeftOver(runtime::latestSession, runtime.store()::currentDecision, runtime.store()::decidedBefore, clock);
        return new RoleWork(engine, () -> engine.shutdown(STOP_WAIT));
    }

    /** Role {@code scheduler}; its running counts are counters (Prometheus {@code _total}), read when scraped. */
    public static RoleWork scheduler(QuorumRuntime runtime, MeterRegistry metrics) {
        QuorumConfig config = runtime.config();
        UnifiedJedis redis = runtime.redis().orElseThrow();
        ScaleKeys keys = runtime.scaleKeys();
        EnvelopeLearner learner = new EnvelopeLearner(redis, keys, config.redis().stream(), consumerName(config),
                LEARNER_LEASE, runtime.store(), new PublishedDecisions(new AgentInputs(runtime.marketData())));
        learner.start();
        FunctionCounter.builder("quorum.learner.envelopes.copied", learner, EnvelopeLearner::copied).register(metrics);
        metrics.gauge("quorum.learner.leading", learner, l -> l.leading() ? 1 : 0);
        // Before each enqueue: learn from the outcomes known by then, then hand workers the retrained model and the
        // weights. An outcome mirrors the weights when it moves them; written here too, a mirror that Redis lost
        // (restarted without its data) is whole again before the next jobs, not only after the next outcome.
        SharedMetaLearner model = new SharedMetaLearner(redis, keys, runtime.metaLearner().roster(), MetaLearnerConfig.defaults());
        Consumer<LocalDate> learn = date -> {
            runtime.resolveOutcomes(date);
            model.publish(runtime.metaLearner());
            runtime.trust().mirror();
        };
        RoleWork scheduled = scheduled(runtime, new JobScheduling(new JobQueue(redis, keys, config.scale().group()),
                learn, config.decisions().redecide(), Clock.systemUTC(), () -> learner.awaitLeading(LEAD_WAIT),
                ticker -> runtime.tickersWithoutData(List.of(ticker))), runtime::latestSessionOnDisk);
        return new RoleWork(scheduled.engine(), () -> {
            boolean stopped = scheduled.stop().getAsBoolean();
            learner.close();
            return stopped;
        });
    }

    /** Role {@code worker}, on a thread of its own; its running counts are counters read when scraped. */
    public static RoleWork worker(QuorumRuntime runtime, MeterRegistry metrics) {
        QuorumConfig config = runtime.config();
        JobWorker worker = new JobWorker(runtime.redis().orElseThrow(), runtime.scaleKeys(), config.scale().group(),
                consumerName(config), Duration.ofSeconds(config.scale().reclaimIdleSeconds()), Duration.ofSeconds(1),
                runtime.cycle(), runtime.publisher(), config.decisions().redecide(), config.decisions().provisionalRetry(),
                config.decisions().provisionalRetryMax(), runtime::refreshMarketData);
        FunctionCounter.builder("quorum.worker.jobs.decided", worker, w -> w.stats().decided()).register(metrics);
        FunctionCounter.builder("quorum.worker.jobs.already_published", worker, w -> w.stats().alreadyPublished()).register(metrics);
        FunctionCounter.builder("quorum.worker.jobs.dead_lettered", worker, w -> w.stats().deadLettered()).register(metrics);
        FunctionCounter.builder("quorum.worker.jobs.reclaimed", worker, w -> w.stats().reclaimed()).register(metrics);
        FunctionCounter.builder("quorum.worker.jobs.provisional", worker, w -> w.stats().provisional()).register(metrics);
        Thread thread = new Thread(worker, "worker");
        thread.start();
        return new RoleWork(new WorkerEngine(config.scale().jobStream(), runtime.outbox()), () -> {
            worker.stop();
            try {
                thread.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !thread.isAlive();
        });
    }

    private static RoleWork scheduled(QuorumRuntime runtime, CycleRunner runner, Supplier<LocalDate> tradeDate) {
        ScheduledEngine engine = startedEngine(runtime, runner, tradeDate, Clock.systemUTC());
        return new RoleWork(engine, () -> engine.shutdown(STOP_WAIT));
    }

    private static ScheduledEngine startedEngine(QuorumRuntime runtime, CycleRunner runner, Supplier<LocalDate> tradeDate,
                                                 Clock clock) {
        QuorumConfig config = runtime.config();
        ScheduledEngine engine = new ScheduledEngine(runner, config.schedule(), config.watchlist(), tradeDate,
                runtime::latestSessionOnDisk, runtime.outbox(), config.decisions().provisionalRetry(),
                config.decisions().provisionalRetryMax(), clock);
        engine.start();
        return engine;
    }

    /** {@code scale.consumer}, or {@code <host>-<pid>}. */
    static String consumerName(QuorumConfig config) {
        if (config.scale().consumer() != null) {
            return config.scale().consumer();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
