package dev.quorum.orchestrator.runtime;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.quorum.agents.Agent;
import dev.quorum.agents.features.AgentInputs;
import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.llm.ResponseCache;
import dev.quorum.agents.market.MarketData;
import dev.quorum.orchestrator.datasync.LiveMarketData;
import dev.quorum.agents.prompts.PromptMode;
import dev.quorum.memory.metalearner.MetaLearner;
import dev.quorum.memory.outcomes.OutcomeRecorder;
import dev.quorum.memory.outcomes.PendingOutcomes;
import dev.quorum.memory.store.AgentErrorLog;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.trust.RedisWeightsMirror;
import dev.quorum.memory.trust.TrustLedger;
import dev.quorum.memory.trust.WeightsMirror;
import dev.quorum.orchestrator.config.AgentConfig;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.consensus.WeightedConsensus;
import dev.quorum.orchestrator.cycle.ConsensusListener;
import dev.quorum.orchestrator.cycle.CycleParts;
import dev.quorum.orchestrator.cycle.DecisionCycle;
import dev.quorum.orchestrator.federation.FederationKeys;
import dev.quorum.orchestrator.health.AgentErrorRateCheck;
import dev.quorum.orchestrator.health.DatabaseCheck;
import dev.quorum.orchestrator.health.ReadinessCheck;
import dev.quorum.orchestrator.publish.OutboxPublisher;
import dev.quorum.orchestrator.review.RiskReview;
import dev.quorum.orchestrator.runtime.PanelParts.AgentSource;
import dev.quorum.orchestrator.scaleout.Role;
import dev.quorum.orchestrator.scaleout.ScaleKeys;
import dev.quorum.orchestrator.synthesis.EnsembleGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every component of one Quorum process, built from the configuration in dependency order and closed in reverse.
 * {@link #assemble} reads top to bottom: one factory per concern ({@link MarketDataParts}, {@link PublishingParts},
 * {@link MemoryParts}, {@link LearningParts}, {@link PanelParts}), and where the role changes what a process has:
 * <ul>
 *   <li>{@code all}: publishes to the stream, learns from outcomes here, decides here;</li>
 *   <li>{@code scheduler}: the same components as {@code all} ({@link RoleWork#scheduler} adds the job scheduling
 *       and the envelope learner, and decides nothing);</li>
 *   <li>{@code worker}: publishes each (ticker, trade date) once across workers, mirrors no trust weights, and
 *       decides with the weights and the model the scheduler published to Redis.</li>
 * </ul>
 */
public final class QuorumRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QuorumRuntime.class);

    private final QuorumConfig config;
    private final Role role;
    private final Resources resources;
    private final DataDirLock lock;
    private final MarketDataParts market;
    private final PublishingParts publishing;
    private final MemoryParts memory;
    private final LearningParts learning;
    private final PanelParts panel;
    private final DecisionCycle cycle;
    private final List<ReadinessCheck> readinessChecks;

    private QuorumRuntime(QuorumConfig config, Role role, Resources resources, DataDirLock lock, MarketDataParts market,
                          PublishingParts publishing, MemoryParts memory, LearningParts learning, PanelParts panel) {
        this.config = config;
        this.role = role;
        this.resources = resources;
        this.lock = lock;
        this.market = market;
        this.publishing = publishing;
        this.memory = memory;
        this.learning = learning;
        this.panel = panel;
        this.cycle = decisionCycle();
        this.readinessChecks = healthChecks();
    }

    /** Which process the runtime is for: the service also reads its watchlist's price files before it is ready. */
    private enum Start {
        /** A command that decides (run, demo, backtests): its start-up line says what it decides with. */
        COMMAND,
        /** The service, which also reads its watchlist's price files before it is ready. */
        SERVICE,
        /** A command that reads or records learning (weights, errors, feedback): its output is its answer alone. */
        INSPECTION
    }

    /**
     * Builds every component; closes what was built when a later one fails. The slow loads that do not depend on the
     * rest (the embedding model; the service's price files) run beside the assembly and are joined before it ends.
     */
    private static QuorumRuntime assemble(QuorumConfig config, PublishTarget target, Role role, AgentSource agents,
                                          Start start) {
        Resources resources = new Resources();
        try (BesideAssembly beside = new BesideAssembly()) {
            if (start != Start.INSPECTION && agents.override().isEmpty()) {
                PanelParts.requirePrompts(config);
            }
            // A path that can never be a database (README.md, a directory) is refused before its lock file is made.
            QuorumDatabase.refuseUnopenable(config.sqliteFile());
            // Before the database opens: a second writer is refused before it can write anything (or load anything).
            DataDirLock lock = resources.own(DataDirLock.acquire(config.sqliteFile(), commandName()));
            Supplier<Optional<EmbeddingModel>> embeddingModel = MemoryParts.loadEmbeddingModel(config, beside);
            // The price files do not depend on the database: read beside it (the service's watchlist too).
            Supplier<MarketDataParts> marketOpened = beside.load(() -> MarketDataParts.open(config, start == Start.SERVICE));
            QuorumDatabase database = QuorumDatabase.open(config.sqliteFile());
            resources.own(database.holdOpen("keep the database open while the runtime lives"));
            PublishingParts publishing = PublishingParts.open(config, target, role, database, resources);
            // The roles that learn mirror the trust weights to Redis (quorum:trust:weights), where workers read them.
            WeightsMirror mirror = switch (role) {
                case ALL, SCHEDULER -> publishing.redis().<WeightsMirror>map(RedisWeightsMirror::new).orElse(WeightsMirror.NONE);
                case WORKER -> WeightsMirror.NONE;
            };
            MemoryParts memory = MemoryParts.open(config, database, mirror, resources, embeddingModel);
            MarketDataParts market = marketOpened.get();
            LearningParts learning = switch (role) {
                case ALL, SCHEDULER -> LearningParts.here(config, memory, market.data());
                case WORKER -> LearningParts.fromScheduler(config, memory, publishing.redis().orElseThrow());
            };
            PanelParts panel = PanelParts.open(config, agents, publishing.redis(), resources);
            QuorumRuntime runtime = new QuorumRuntime(config, role, resources, lock, market, publishing, memory, learning, panel);
            if (start == Start.INSPECTION) {
                // A refusal of such a command is then its one line on stderr, not a log line and the refusal.
                log.debug("Quorum ready to inspect {}", config.sqliteFile());
            } else {
                log.info("Quorum ready as {}: {} agents, watchlist {}, SQLite {}, publishing to {}", role.configName(),
                        panel.size(), config.watchlist(), config.sqliteFile(), publishing.sink().describe());
            }
            return runtime;
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** The decision cycle, from the parts each concern built. */
    private DecisionCycle decisionCycle() {
        CycleParts.Judgement judgement = new CycleParts.Judgement(
                new WeightedConsensus(config.consensus().quorum(), memory.trust().policy().initialWeight(), learning.pooling()),
                panel.synthesiser(), panel.rules(), new EnsembleGuard(config.consensus().guardThreshold()),
                RiskReview.of(config.review()));
        CycleParts.Limits limits = new CycleParts.Limits(config.llmBudget(), Clock.systemUTC(), config.parallelTickers(),
                config.decisions().redecide());
        CycleParts parts = new CycleParts(new CycleParts.Inputs(new AgentInputs(market.data()), market.staleness()),
                panel.runner(), memory.cycleRecall(config), learning.learnt(), judgement, memory.store(), limits);
        return new DecisionCycle(parts, publishing.publisher()::wake, learning.beforeCycle(), federationKeys());
    }

    /** What {@code /health} checks, in the order it reports them. */
    private List<ReadinessCheck> healthChecks() {
        List<ReadinessCheck> checks = new ArrayList<>();
        checks.add(new DatabaseCheck(memory.database()));
        checks.add(market.freshness());
        checks.add(new AgentErrorRateCheck(new AgentErrorLog(memory.database()),
                Duration.ofMinutes(config.health().errorWindowMinutes()), config.health().agentErrorRateMax(), Clock.systemUTC()));
        publishing.check(config).ifPresent(checks::add);
        checks.addAll(panel.llmChecks());
        memory.recallCheck(config).ifPresent(checks::add);
        return List.copyOf(checks);
    }

    /** Seed 003's keys beside the envelope, when asked for and Redis is there to hold them. */
    private ConsensusListener federationKeys() {
        if (!config.federation().publishKeys()) {
            return ConsensusListener.NONE;
        }
        if (publishing.redis().isEmpty()) {
            log.warn("federation.publish_keys is on but this process publishes to a file: seed 003's quantum:* keys are not written");
            return ConsensusListener.NONE;
        }
        return new FederationKeys(publishing.redis().get(), memory.trust()::history, config.federation().trustEventsCap(),
                Clock.systemUTC());
    }

    /** Records the market outcome of every decision whose exit session closed by {@code asOf}. */
    public void resolveOutcomes(LocalDate asOf) {
        LearningParts.resolveOutcomes(learning.pending(), market.data(), asOf);
    }

    /** The role {@code all}, publishing to {@code target}. */
    public static QuorumRuntime open(QuorumConfig config, PublishTarget target) {
        return assemble(config, target, Role.ALL, AgentSource.CONFIGURED, Start.COMMAND);
    }

    /** For a command that reads or records learning ({@code weights}, {@code errors}, {@code feedback}): no start-up line. */
    public static QuorumRuntime openToInspect(QuorumConfig config) {
        return assemble(config, PublishTarget.REDIS, Role.ALL, AgentSource.CONFIGURED, Start.INSPECTION);
    }

    /**
     * What {@code serve --role ROLE} runs: publishing to Redis, as every role of the service does; the watchlist's price
     * files are read (beside the rest of the start) before it returns, as the first readiness check reads them.
     */
    public static QuorumRuntime open(QuorumConfig config, Role role) {
        return assemble(config, PublishTarget.REDIS, role, AgentSource.CONFIGURED, Start.SERVICE);
    }

    /** With LLM replies answered from {@code responseCache} when it has them (backtests, prompt evaluations). */
    public static QuorumRuntime open(QuorumConfig config, PublishTarget target, ResponseCache responseCache) {
        return open(config, target, responseCache, PromptMode.LIVE);
    }

    /** @param promptMode how the LLM prompts name the stock and the day: {@link PromptMode#ANONYMISED} in LLM backtests */
    public static QuorumRuntime open(QuorumConfig config, PublishTarget target, ResponseCache responseCache,
                                     PromptMode promptMode) {
        return assemble(config, target, Role.ALL, new AgentSource(Optional.empty(), Optional.of(responseCache), promptMode),
                Start.COMMAND);
    }

    /**
     * With every agent of the roster answered by {@code agentBackend} instead of its configured backend: how the
     * learning is proven end to end with agents of known skill (the planted-skill backtests); everything else is the
     * production runtime.
     */
    public static QuorumRuntime open(QuorumConfig config, PublishTarget target, Function<AgentConfig, Agent> agentBackend) {
        return assemble(config, target, Role.ALL, new AgentSource(Optional.of(agentBackend), Optional.empty(), PromptMode.LIVE),
                Start.COMMAND);
    }

    /**
     * Tickers with no price file under the market data: found at start-up, not mid-cycle. Empty when all have one.
     * The message names the files expected ({@code prices/<TICKER>.csv}).
     */
    public Optional<String> tickersWithoutData(List<String> tickers) {
        return tickersWithoutData(market.data(), tickers);
    }

    /** As {@link #tickersWithoutData(List)} before a runtime is opened (a backtest checks its inputs first). */
    public static Optional<String> tickersWithoutData(LiveMarketData data, List<String> tickers) {
        List<String> missing = tickers.stream().filter(t -> !data.tickers().contains(t)).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("no price data for " + String.join(", ", missing) + ": expected "
                + missing.stream().map(t -> "prices/" + t + ".csv").collect(Collectors.joining(", "))
                + " under " + data.directory());
    }

    /** The meta-learner's training on resolved outcomes: what the last update of an outcome came to. */
    public MetaLearnerTraining training() {
        return learning.training();
    }

    /** The lock that makes this process the one writer of its database; {@code serve} adds its API address. */
    public DataDirLock dataDirLock() {
        return lock;
    }

    /** The subcommand this JVM runs ({@code serve}, {@code feedback}, ...), for the refused writer's message. */
    private static String commandName() {
        String[] words = System.getProperty("sun.java.command", "").split(" ");
        return words.length > 1 ? words[1] : "in process " + ProcessHandle.current().pid();
    }

    /** The shared Redis keys of a scaled-out deployment. */
    public ScaleKeys scaleKeys() {
        return new ScaleKeys(config.scale().jobStream());
    }

    /** The Redis client, when this runtime publishes to Redis. */
    public Optional<UnifiedJedis> redis() {
        return publishing.redis();
    }

    /** The Ollama model chain, when an agent or the synthesis uses it: its endpoints' load and circuits. */
    public Optional<ModelChainClient> modelChain() {
        return panel.modelChain();
    }

    public Role role() {
        return role;
    }

    public MarketData marketData() {
        return market.data();
    }

    /** Reads the market-data directory again (after a sync wrote new files); the next cycle decides on them. */
    public void reloadMarketData() {
        market.data().reload();
    }

    /**
     * Reads the market-data directory again if a file in it changed since it was read: another process's sync (cron
     * running {@code data sync}, a copy from another machine). A long-running process calls it before it decides or
     * schedules, or it would go on with the files of its start.
     */
    public void refreshMarketData() {
        market.data().refreshIfChanged();
    }

    /** The trade date of a service's cycle: the {@linkplain #latestSession latest session} after {@link #refreshMarketData}. */
    public LocalDate latestSessionOnDisk() {
        refreshMarketData();
        return latestSession();
    }

    public QuorumConfig config() {
        return config;
    }

    public DecisionCycle cycle() {
        return cycle;
    }

    public OutboxPublisher publisher() {
        return publishing.publisher();
    }

    public Outbox outbox() {
        return publishing.outbox();
    }

    public DecisionStore store() {
        return memory.store();
    }

    public TrustLedger trust() {
        return memory.trust();
    }

    public MetaLearner metaLearner() {
        return memory.metaLearner();
    }

    /** The automatic feedback loop: {@link #resolveOutcomes} and a backtest's final horizon go through it. */
    public PendingOutcomes pendingOutcomes() {
        return learning.pending();
    }

    public OutcomeRecorder outcomes() {
        return learning.outcomes();
    }

    public QuorumDatabase database() {
        return memory.database();
    }

    public List<ReadinessCheck> readinessChecks() {
        return readinessChecks;
    }

    /** The latest session on or before today (in the exchange's zone) that the market data has bars for. */
    public LocalDate latestSession() {
        LocalDate today = LocalDate.now(ZoneId.of("America/New_York"));
        List<LocalDate> sessions = market.data().calendar().sessions();
        for (int i = sessions.size() - 1; i >= 0; i--) {
            if (!sessions.get(i).isAfter(today)) {
                return sessions.get(i);
            }
        }
        throw new IllegalStateException("the market data in " + config.marketDataDirectory() + " has no session on or before " + today);
    }

    @Override
    public void close() {
        resources.close();
    }
}
