package dev.quorum.orchestrator.cli;

import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.datasync.BeforeCycleSync;
import dev.quorum.orchestrator.datasync.MarketDataSync;
import dev.quorum.orchestrator.datasync.SyncMetrics;
import dev.quorum.orchestrator.health.Readiness;
import dev.quorum.orchestrator.http.ApiServer;
import dev.quorum.orchestrator.http.ControlToken;
import dev.quorum.orchestrator.llm.EndpointMetrics;
import dev.quorum.orchestrator.runtime.ApiWiring;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.orchestrator.runtime.RoleWork;
import dev.quorum.orchestrator.scaleout.Role;
import dev.quorum.orchestrator.service.Engine;
import dev.quorum.orchestrator.federation.SignalWatch;
import dev.quorum.orchestrator.config.AgentConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * {@code quorum serve --config FILE [--role all|scheduler|worker]}: the service. The outbox publisher drains to
 * Redis in the background, the HTTP API answers on the configured address, and the role decides the rest:
 * <ul>
 *   <li>{@code all} (default): cycles on the configured schedule, deciding every ticker here;</li>
 *   <li>{@code scheduler}: on the schedule, enqueues one job per ticker on the job stream; learns from every
 *       published envelope (outcomes, trust weights) while it holds the learner lease;</li>
 *   <li>{@code worker}: decides the jobs it takes from the job stream; reads the trust weights from Redis.</li>
 * </ul>
 * SIGTERM (or SIGINT) stops taking work, lets the ticker in progress finish, flushes the outbox (as far as Redis
 * is up: what cannot be published stays in SQLite for the next start) and exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the service: scheduled cycles, outbox publishing, HTTP API. SIGTERM stops it cleanly (exit 0).",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.OK + ":stopped cleanly (SIGTERM)", ExitCodes.USAGE, ExitCodes.STORE_UNUSABLE})
public final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOption config;

    @Option(names = "--role", defaultValue = "all", converter = Roles.class, completionCandidates = Roles.class,
            description = "all (default: schedule and decide here), scheduler (enqueue jobs, learn) or worker (decide jobs).")
    Role role;

    /** A wrong role is refused naming the three, not with picocli's "cannot convert ... (java.lang....)". */
    static final class Roles extends LowerCaseEnum<Role> {
        Roles() {
            super(Role.class);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        QuorumConfig loaded = config.required();
        // Before the runtime opens and the schedule starts: a port another process holds is one line, exit 2.
        ApiServer.requirePortFree(loaded.http());
        if (role == Role.ALL && loaded.market().sync().beforeCycle()) {
            // A sync into the shipped sample is refused now, before the runtime opens, not at the first cycle.
            loaded.marketDataDirectoryToSync();
        }
        CountDownLatch stop = new CountDownLatch(1);
        // Signal handlers rather than a shutdown hook: the orderly stop runs on this thread and the exit code is ours.
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        try (QuorumRuntime runtime = QuorumRuntime.open(loaded, role);
             Readiness readiness = new Readiness(runtime.readinessChecks())) {
            metrics.gauge("quorum.outbox.pending", runtime.outbox(), o -> o.pendingCount());
            runtime.modelChain().ifPresent(chain -> EndpointMetrics.bind(metrics, chain));
            // A watchlist file may still arrive (a market-data sync): warn now rather than at the first cycle.
            runtime.tickersWithoutData(loaded.watchlist()).ifPresent(missing -> log.warn("watchlist: {}; these tickers are"
                    + " reported not decided until their files appear", missing));
            runtime.publisher().start();
            RoleWork work = switch (role) {
                case ALL -> RoleWork.all(runtime, tradeDate(runtime, loaded, metrics));
                case SCHEDULER -> RoleWork.scheduler(runtime, metrics);
                case WORKER -> RoleWork.worker(runtime, metrics);
            };
            ApiServer api = loaded.http().enabled() ? new ApiServer(loaded.http(), controlToken(loaded),
                    ApiWiring.backends(runtime, work.engine(), readiness, metrics)) : null;
            if (api != null) {
                // A feedback command refused by the lock forwards to this address.
                runtime.dataDirLock().describe("api", "http://" + hostForUrl(loaded.http().bind()) + ":" + api.port());
            }
            Optional<SignalWatch> watch = signalWatch(loaded, runtime, work.engine());
            log.info("serving; SIGTERM stops cleanly (role {})", role.configName());
            stop.await();
            log.info("stopping: no new work, finishing the ticker in progress");
            watch.ifPresent(SignalWatch::close);
            if (!work.stop().getAsBoolean()) {
                log.warn("the work in flight did not stop within {}; the rest is abandoned (nothing half-stored)", RoleWork.STOP_WAIT);
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

    /** Seed 003's interval mode, when configured: a changed external model signal decides the watchlist again. */
    private Optional<SignalWatch> signalWatch(QuorumConfig config, QuorumRuntime runtime, Engine engine) {
        if (config.federation().watchSeconds() == 0 || role == Role.WORKER) {
            return Optional.empty();
        }
        List<String> models = config.agents().stream().filter(a -> a.backend() == AgentConfig.Backend.REDIS)
                .map(AgentConfig::name).toList();
        return Optional.of(new SignalWatch(runtime.redis().orElseThrow(), models, engine::scan)
                .start(Duration.ofSeconds(config.federation().watchSeconds())));
    }

    /**
     * The trade date of each cycle: the latest session in the market data, after a sync of it when
     * {@code market.sync.before_cycle} (the role that decides itself), else after re-reading the files another process
     * changed.
     */
    private static Supplier<LocalDate> tradeDate(QuorumRuntime runtime, QuorumConfig config, MeterRegistry metrics) {
        if (!config.market().sync().beforeCycle()) {
            return runtime::latestSessionOnDisk;
        }
        MarketDataSync sync = MarketDataSync.open(config.marketDataDirectoryToSync(), config.market().sync(), new SyncMetrics(metrics),
                Clock.systemUTC(), new PrintWriter(Writer.nullWriter()));
        return new BeforeCycleSync(sync, config.watchlist(), config.market().sync().timeout(), runtime::reloadMarketData,
                runtime::latestSession);
    }

    /**
     * Without a configured token, the generated control token guards the state-changing endpoints. It is printed
     * on stdout once, when this start generated it and stdout is not systemd's journal; the log only ever names its file.
     */
    private static Optional<String> controlToken(QuorumConfig config) {
        if (config.http().bearerToken().isPresent()) {
            return Optional.empty();
        }
        ControlToken control = ControlToken.loadOrCreate(config.dataDirectory());
        if (control.created()) {
            // Under systemd stdout is the journal (JOURNAL_STREAM names it), kept on disk and read by the adm and
            // systemd-journal groups: there the line names the file only.
            boolean journal = System.getenv("JOURNAL_STREAM") != null;
            System.out.println("API control token (generated now, stored 0600 in " + control.file() + "; POST /api/*"
                    + " needs Authorization: Bearer <token>)" + (journal ? "; not printed: stdout is the journal" : ": " + control.token()));
            System.out.flush();
        }
        return Optional.of(control.token());
    }

    /** The address a local client reaches the API on: loopback for a wildcard bind. */
    private static String hostForUrl(String bind) {
        if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
            return "127.0.0.1";
        }
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }
}
