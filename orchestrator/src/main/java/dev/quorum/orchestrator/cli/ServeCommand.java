package dev.quorum.orchestrator.cli;

import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.health.Readiness;
import dev.quorum.orchestrator.http.ApiServer;
import dev.quorum.orchestrator.runtime.ApiWiring;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.orchestrator.service.ScheduledEngine;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code quorum serve --config FILE}: the service. Cycles on the configured schedule, the outbox publisher drains
 * to Redis in the background, the HTTP API answers on the configured address. SIGTERM (or SIGINT) stops the
 * schedule, lets the ticker in progress finish and abandons the rest of the cycle, flushes the outbox (as far as
 * Redis is up: what cannot be published stays in SQLite for the next start) and exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the service: scheduled cycles, outbox publishing, HTTP API. SIGTERM stops it cleanly (exit 0).")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    /** How long a shutdown waits for the ticker in progress (an LLM decision can take this long). */
    private static final Duration CYCLE_STOP_WAIT = Duration.ofSeconds(60);

    @Option(names = "--config", required = true, description = "The YAML configuration file.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        QuorumConfig loaded = ConfigLoader.load(Optional.of(config));
        CountDownLatch stop = new CountDownLatch(1);
        // Signal handlers rather than a shutdown hook: the orderly stop runs on this thread and the exit code is ours.
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        try (QuorumRuntime runtime = QuorumRuntime.open(loaded, PublishTarget.REDIS);
             Readiness readiness = new Readiness(runtime.readinessChecks())) {
            metrics.gauge("quorum.outbox.pending", runtime.outbox(), o -> o.pendingCount());
            runtime.publisher().start();
            ScheduledEngine engine = new ScheduledEngine(runtime.cycle(), loaded.schedule(), loaded.watchlist(),
                    runtime::latestSession, runtime.outbox());
            ApiServer api = loaded.http().enabled() ? new ApiServer(loaded.http(), ApiWiring.backends(runtime, engine, readiness, metrics)) : null;
            engine.start();
            log.info("serving; SIGTERM stops cleanly");
            stop.await();
            log.info("stopping: schedule off, finishing the ticker in progress");
            if (!engine.shutdown(CYCLE_STOP_WAIT)) {
                log.warn("the cycle in flight did not stop within {}; its remaining tickers are abandoned", CYCLE_STOP_WAIT);
            }
            if (api != null) {
                api.close();
            }
            runtime.publisher().close();
            int flushed = runtime.publisher().drain();
            long waiting = runtime.outbox().pendingCount();
            log.info("outbox flushed: {} published at shutdown, {} waiting for the next start", flushed, waiting);
        }
        return 0;
    }
}
