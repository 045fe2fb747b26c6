package dev.quorum.orchestrator.runtime;

import dev.quorum.agents.Agent;
import dev.quorum.agents.features.AgentInputs;
import dev.quorum.agents.federation.ConsensusWindow;
import dev.quorum.agents.federation.ModelSignalAgent;
import dev.quorum.agents.llm.LlmAgent;
import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.llm.ResponseCache;
import dev.quorum.agents.market.MarketData;
import dev.quorum.agents.prompts.PromptMode;
import dev.quorum.agents.prompts.DataBlockLimits;
import dev.quorum.agents.prompts.PromptRepository;
import dev.quorum.agents.rules.RulesPanel;
import dev.quorum.envelope.publish.PublisherSettings;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUnavailableException;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.memory.metalearner.AgentRoster;
import dev.quorum.memory.outcomes.OutcomeListener;
import dev.quorum.memory.outcomes.OutcomeRecorder;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.memory.outcomes.PendingOutcomes;
import dev.quorum.memory.metalearner.MetaLearner;
import dev.quorum.memory.metalearner.MetaLearnerRetries;
import dev.quorum.memory.metalearner.MetaLearnerConfig;
import dev.quorum.memory.recall.RecallConfig;
import dev.quorum.memory.recall.ResilientSituationMemory;
import dev.quorum.memory.recall.SituationMemories;
import dev.quorum.memory.store.AgentErrorLog;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.Outbox;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.trust.RedisWeightsMirror;
import dev.quorum.memory.trust.TrustLedger;
import dev.quorum.memory.trust.TrustPolicies;
import dev.quorum.memory.trust.TrustSettings;
import dev.quorum.orchestrator.config.AgentConfig;
import dev.quorum.orchestrator.config.ConsensusConfig;
import dev.quorum.orchestrator.config.MemoryConfig;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.config.SeedApiConfig;
import dev.quorum.orchestrator.consensus.AbsoluteConsensus;
import dev.quorum.orchestrator.consensus.Pooling;
import dev.quorum.orchestrator.consensus.WeightedConsensus;
import dev.quorum.orchestrator.cycle.ConsensusListener;
import dev.quorum.orchestrator.cycle.DecisionCycle;
import dev.quorum.orchestrator.federation.FederationKeys;
import dev.quorum.orchestrator.datasync.LiveMarketData;
import dev.quorum.orchestrator.datasync.MarketDataFreshness;
import dev.quorum.orchestrator.datasync.Staleness;
import dev.quorum.orchestrator.cycle.PanelRunner;
import dev.quorum.orchestrator.health.AgentErrorRateCheck;
import dev.quorum.orchestrator.health.DatabaseCheck;
import dev.quorum.orchestrator.llm.ModelChains;
import dev.quorum.orchestrator.health.HttpEndpointCheck;
import dev.quorum.orchestrator.health.LlmAvailabilityCheck;
import dev.quorum.orchestrator.health.ReadinessCheck;
import dev.quorum.orchestrator.health.RedisCheck;
import dev.quorum.orchestrator.publish.EnvelopeSink;
import dev.quorum.orchestrator.publish.JsonLinesSink;
import dev.quorum.orchestrator.publish.OutboxPublisher;
import dev.quorum.orchestrator.publish.RedisSink;
import dev.quorum.orchestrator.recall.RecallSettings;
import dev.quorum.orchestrator.review.RiskReview;
import dev.quorum.orchestrator.synthesis.AbsoluteConsensusGate;
import dev.quorum.orchestrator.synthesis.EnsembleGuard;
import dev.quorum.orchestrator.synthesis.LlmSynthesis;
import dev.quorum.orchestrator.synthesis.RuleSynthesis;
import dev.quorum.orchestrator.synthesis.Synthesiser;
import dev.quorum.orchestrator.config.SynthesisConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.quorum.orchestrator.scaleout.DecideOnceSink;
import dev.quorum.orchestrator.scaleout.DecisionRegistry;
import dev.quorum.orchestrator.scaleout.Role;
import dev.quorum.orchestrator.scaleout.ScaleKeys;
import dev.quorum.orchestrator.scaleout.SharedMetaLearner;
import dev.quorum.orchestrator.scaleout.SharedTrustWeights;
import redis.clients.jedis.UnifiedJedis;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every component of one Quorum process, built from the configuration in dependency order and closed in reverse.
 */
public final class QuorumRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QuorumRuntime.class);

    private final QuorumConfig config;
    // Assigned once by build(); not final only because build() is split from the constructor for cleanup on failure.
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private DataDirLock lock;
    private QuorumDatabase database;
    private DecisionStore store;
    private Outbox outbox;
    private LiveMarketData marketData;
    private TrustLedger trust;
    private MetaLearner metaLearner;
    private MetaLearnerTraining training;
    private OutcomeRecorder outcomes;
    private PendingOutcomes pending;
    private Optional<UnifiedJedis> redis;
    private OutboxPublisher publisher;
    private DecisionCycle cycle;
    private final List<ReadinessCheck> readinessChecks = new ArrayList<>();

    private final Optional<ResponseCache> responseCache;
    private final Optional<Function<AgentConfig, Agent>> agentBackend;
    private final Role role;
    private Optional<ModelChainClient> modelChain = Optional.empty();

    private QuorumRuntime(QuorumConfig config, PublishTarget target, Role role, Optional<ResponseCache> responseCache,
                          PromptMode promptMode) {
        this(config, target, role, responseCache, promptMode, Optional.empty());
    }

    private QuorumRuntime(QuorumConfig config, PublishTarget target, Role role, Optional<ResponseCache> responseCache,
                          PromptMode promptMode, Optional<Function<AgentConfig, Agent>> agentBackend) {
        this.config = config;
        this.role = role;
        this.responseCache = responseCache;
        this.agentBackend = agentBackend;
        try {
            build(target, promptMode);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void build(PublishTarget target, PromptMode promptMode) {
        // Before the database opens: a second writer is refused before it can write anything.
        this.lock = DataDirLock.acquire(config.sqliteFile(), commandName());
        closeables.push(lock);
        this.database = QuorumDatabase.open(config.sqliteFile());
        this.store = new DecisionStore(database, config.redis().stream());
        this.outbox = new Outbox(database);
        this.marketData = LiveMarketData.open(config.marketDataDirectory(), config.market().maxFileBytes());
        readinessChecks.add(new DatabaseCheck(database));
        readinessChecks.add(new MarketDataFreshness(marketData, config.watchlist(),
                config.market().sync().maxStaleSessions(), Clock.systemUTC()));
        readinessChecks.add(new AgentErrorRateCheck(new AgentErrorLog(database),
                Duration.ofMinutes(config.health().errorWindowMinutes()), config.health().agentErrorRateMax(), Clock.systemUTC()));

        Optional<UnifiedJedis> opened = target == PublishTarget.FILE ? Optional.empty() : openRedis(target);
        opened.ifPresent(closeables::push);
        boolean redisAnswers = opened.map(QuorumRuntime::answers).orElse(false);
        EnvelopeSink sink;
        if (opened.isPresent() && (target == PublishTarget.REDIS || redisAnswers)) {
            UnifiedJedis client = opened.get();
            this.redis = opened;
            RedisSink stream = new RedisSink(client, config.redis().url(), new PublisherSettings(config.redis().stream(), config.redis().maxlen()));
            sink = role == Role.WORKER
                    ? new DecideOnceSink(stream, new DecisionRegistry(client, scaleKeys()), config.decisions().redecide())
                    : stream;
            readinessChecks.add(new RedisCheck(client, config.redis().url()));
        } else {
            this.redis = Optional.empty();
            sink = new JsonLinesSink(config.dataDirectory().resolve("envelopes.jsonl"));
        }
        this.trust = new TrustLedger(database, new TrustSettings(TrustPolicies.byName(config.trust().policy().configName()),
                config.trust().snapshotEvery(), 0, TrustSettings.Updates.valueOf(config.trust().updates().name())), redis.filter(r -> role != Role.WORKER).<dev.quorum.memory.trust.WeightsMirror>map(RedisWeightsMirror::new)
                .orElse(dev.quorum.memory.trust.WeightsMirror.NONE), Clock.systemUTC());
        List<String> roster = config.agents().stream().map(AgentConfig::name).toList();
        this.metaLearner = MetaLearner.open(database, metaLearnerRoster(roster), MetaLearnerConfig.defaults());

        // Each resolved outcome trains the meta-learner with the votes as they were weighted at decision time.
        this.training = new MetaLearnerTraining(metaLearner, roster, new MetaLearnerRetries(database, Clock.systemUTC()));
        List<OutcomeListener> listeners = new ArrayList<>(List.of(training));

        Optional<ModelChainClient> chain = Optional.empty();
        if (config.agents().stream().anyMatch(a -> a.backend() == AgentConfig.Backend.OLLAMA)) {
            ModelChainClient client2 = new ModelChainClient(ModelChains.from(config), Clock.systemUTC(), responseCache);
            closeables.push(client2);
            chain = Optional.of(client2);
            addLlmChecks();
        }
        Optional<UnifiedJedis> modelSignals = Optional.empty();
        if (config.agents().stream().anyMatch(a -> a.backend() == AgentConfig.Backend.REDIS)) {
            modelSignals = redis.isPresent() ? redis : Optional.of(RedisConnections.open(RedisUrl.parse(config.redis().url())));
            if (redis.isEmpty()) {
                closeables.push(modelSignals.get());
            }
        }
        List<Agent> panel = agentBackend.isPresent() ? config.agents().stream().map(agentBackend.get()).toList()
                : panel(config.agents(), config.promptsDirectory(), chain, promptMode, modelSignals,
                        Duration.ofSeconds(config.federation().maxSignalAgeSeconds()), config.consensus().windowSeconds());

        Optional<ResilientSituationMemory> recall = Optional.empty();
        if (config.memory().recallK() > 0) {
            RecallConfig recallConfig = RecallSettings.from(config).build();
            ResilientSituationMemory memory = SituationMemories.open(recallConfig);
            closeables.push(memory);
            recall = Optional.of(memory);
            if (config.memory().recallStore() == MemoryConfig.RecallStore.CHROMA) {
                readinessChecks.add(HttpEndpointCheck.chroma(config.memory().chromaUrl()));
            }
        }

        recall.ifPresent(memory -> listeners.add(new dev.quorum.memory.recall.OutcomeIndexer(memory, store, config.outcome().epsilon(), Clock.systemUTC())));
        this.outcomes = new OutcomeRecorder(database, trust, new OutcomeRules(config.outcome().horizonSessions(),
                config.outcome().epsilon(), OutcomeRules.defaults().benchmark()), listeners, Clock.systemUTC());
        this.pending = new PendingOutcomes(store, outcomes);

        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, panel.size() * config.parallelTickers()), r -> {
            Thread t = new Thread(r, "agent");
            t.setDaemon(true);
            return t;
        });
        closeables.push(pool::shutdownNow);
        this.publisher = new OutboxPublisher(outbox, sink, Duration.ofSeconds(5));
        closeables.push(publisher);
        Optional<AbsoluteConsensus> absolute = config.consensus().mode() == ConsensusConfig.Mode.ABSOLUTE
                ? Optional.of(new AbsoluteConsensus(config.consensus().consensusThreshold())) : Optional.empty();
        RuleSynthesis rules = new RuleSynthesis(config.synthesis().actThreshold(), absolute);
        Synthesiser synthesiser = rules;
        if (config.synthesis().backend() == SynthesisConfig.Backend.OLLAMA) {
            if (chain.isEmpty()) {
                ModelChainClient synthesisChain = new ModelChainClient(ModelChains.from(config), Clock.systemUTC(), responseCache);
                closeables.push(synthesisChain);
                chain = Optional.of(synthesisChain);
                addLlmChecks();
            }
            synthesiser = new LlmSynthesis(new PromptRepository(config.promptsDirectory()), chain.get(), rules, promptMode);
            if (absolute.isPresent()) {
                synthesiser = new AbsoluteConsensusGate(synthesiser, absolute.get());
            }
        }
        this.modelChain = chain;
        // A worker learns nothing itself: the scheduler's learner owns the weights, the meta-learner and the outcomes;
        // the worker reads the weights and the model from Redis.
        boolean worker = role == Role.WORKER;
        Supplier<Map<String, Double>> weights = worker ? new SharedTrustWeights(redis.orElseThrow()) : trust::currentWeights;
        Consumer<LocalDate> beforeCycle = worker ? date -> { } : this::resolveOutcomes;
        // The calibration maps live in the scheduler's SQLite file, not in Redis: a worker pools stated confidences,
        // and its envelopes say so (meta.pooling).
        Pooling pooling = worker ? Pooling.STATED : config.consensus().pooling();
        this.cycle = new DecisionCycle(new DecisionCycle.Parts(new AgentInputs(marketData), new PanelRunner(panel, pool),
                recall.map(r -> r), config.memory().recallK(), RecallSettings.from(config).build().scope(),
                weights, worker ? sharedMetaLearner(redis.orElseThrow(), roster) : () -> Optional.of(metaLearner),
                new WeightedConsensus(config.consensus().quorum(), trust.policy().initialWeight(), pooling),
                synthesiser, rules, new EnsembleGuard(config.consensus().guardThreshold()),
                RiskReview.of(config.review()), store, config.llmBudget(),
                Clock.systemUTC(), config.parallelTickers(), config.decisions().redecide(),
                worker ? Map::of : trust::skills,
                Staleness.limitedTo(marketData, config.market().sync().maxStaleSessions(),
                        config.marketDataIsShippedSample() ? Optional.empty() : Optional.of(Clock.systemUTC()))),
                publisher::wake, beforeCycle,
                federationKeys());
        log.info("Quorum ready as {}: {} agents, watchlist {}, SQLite {}, publishing to {}", role.configName(), panel.size(), config.watchlist(),
                config.sqliteFile(), sink.describe());
    }

    /** Seed 003's keys beside the envelope, when asked for and Redis is there to hold them. */
    private ConsensusListener federationKeys() {
        if (!config.federation().publishKeys()) {
            return ConsensusListener.NONE;
        }
        if (redis.isEmpty()) {
            log.warn("federation.publish_keys is on but this process publishes to a file: seed 003's quantum:* keys are not written");
            return ConsensusListener.NONE;
        }
        return new FederationKeys(redis.get(), trust::history, config.federation().trustEventsCap(), Clock.systemUTC());
    }

    private SharedMetaLearner sharedMetaLearner(UnifiedJedis client, List<String> roster) {
        return new SharedMetaLearner(client, scaleKeys(), metaLearnerRoster(roster), MetaLearnerConfig.defaults());
    }

    /** Records the market outcome of every decision whose exit session closed by {@code asOf}. */
    public void resolveOutcomes(LocalDate asOf) {
        int resolved = pending.resolve(marketData, asOf).size();
        if (resolved > 0) {
            log.info("{} outcome(s) resolved from market data as of {}", resolved, asOf);
        }
    }

    /** Builds every component; closes what was built when a later one fails. */
    public static QuorumRuntime open(QuorumConfig config, PublishTarget target) {
        return new QuorumRuntime(config, target, Role.ALL, Optional.empty(), PromptMode.LIVE);
    }

    /** What {@code serve --role ROLE} runs: publishing to Redis, as every role of the service does. */
    public static QuorumRuntime open(QuorumConfig config, Role role) {
        return new QuorumRuntime(config, PublishTarget.REDIS, role, Optional.empty(), PromptMode.LIVE);
    }

    /** With LLM replies answered from {@code responseCache} when it has them (backtests, prompt evaluations). */
    public static QuorumRuntime open(QuorumConfig config, PublishTarget target, ResponseCache responseCache) {
        return open(config, target, responseCache, PromptMode.LIVE);
    }

    /** @param promptMode how the LLM prompts name the stock and the day: {@link PromptMode#ANONYMISED} in LLM backtests */
    public static QuorumRuntime open(QuorumConfig config, PublishTarget target, ResponseCache responseCache,
                                     PromptMode promptMode) {
        return new QuorumRuntime(config, target, Role.ALL, Optional.of(responseCache), promptMode);
    }

    /**
     * With every agent of the roster answered by {@code agentBackend} instead of its configured backend: how the
     * learning is proven end to end with agents of known skill (the planted-skill backtests); everything else is the
     * production runtime.
     */
    public static QuorumRuntime open(QuorumConfig config, PublishTarget target, Function<AgentConfig, Agent> agentBackend) {
        return new QuorumRuntime(config, target, Role.ALL, Optional.empty(), PromptMode.LIVE, Optional.of(agentBackend));
    }

    /**
     * Each Ollama endpoint's own check (optional: one of several down only degrades) and the required one that
     * enough of them answer ({@code health.llm_min_available}).
     */
    private void addLlmChecks() {
        List<ReadinessCheck> endpoints = config.ollama().endpoints().stream()
                .<ReadinessCheck>map(e -> HttpEndpointCheck.ollama(e.name(), e.url(), false)).toList();
        readinessChecks.addAll(endpoints);
        readinessChecks.add(new LlmAvailabilityCheck(endpoints, config.health().llmMinAvailable()));
    }

    /**
     * Tickers with no price file under the market data: found at start-up, not mid-cycle. Empty when all have one.
     * The message names the files expected ({@code prices/<TICKER>.csv}).
     */
    public Optional<String> tickersWithoutData(List<String> tickers) {
        List<String> missing = tickers.stream().filter(t -> !marketData.tickers().contains(t)).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("no price data for " + String.join(", ", missing) + ": expected "
                + missing.stream().map(t -> "prices/" + t + ".csv").collect(java.util.stream.Collectors.joining(", "))
                + " under " + marketData.directory());
    }

    /** The meta-learner's training on resolved outcomes: what the last update of an outcome came to. */
    public MetaLearnerTraining training() {
        return training;
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
        return redis;
    }

    /** The Ollama model chain, when an agent or the synthesis uses it: its endpoints' load and circuits. */
    public Optional<ModelChainClient> modelChain() {
        return modelChain;
    }

    public Role role() {
        return role;
    }

    /**
     * A standalone client connects lazily: REDIS starts while Redis is down and the outbox holds the envelopes.
     * Sentinel and Cluster clients must reach Redis to open (to learn the master, or the slots): for REDIS that is
     * a start-up error naming the URL, for REDIS_OR_FILE the same reason to fall back to the file as a failed PING.
     */
    private Optional<UnifiedJedis> openRedis(PublishTarget target) {
        try {
            return Optional.of(RedisConnections.open(RedisUrl.parse(config.redis().url())));
        } catch (RedisUnavailableException e) {
            if (target == PublishTarget.REDIS) {
                throw e;
            }
            log.warn("{}; publishing to the JSON-lines file instead", e.getMessage());
            return Optional.empty();
        }
    }

    /** The meta-learner's input layout for the panel ({@code seed_api.metalearner_layout}). */
    private AgentRoster metaLearnerRoster(List<String> agents) {
        return config.seedApi().metalearnerLayout() == SeedApiConfig.MetalearnerLayout.SEED_27
                ? AgentRoster.seedLayout(agents) : new AgentRoster(agents);
    }

    private static boolean answers(UnifiedJedis client) {
        try {
            return "PONG".equals(client.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<Agent> panel(List<AgentConfig> agents, Path promptsDir, Optional<ModelChainClient> chain,
                                     PromptMode promptMode, Optional<UnifiedJedis> modelSignals, Duration maxSignalAge,
                                     int windowSeconds) {
        PromptRepository prompts = new PromptRepository(promptsDir);
        List<String> federated = agents.stream().filter(a -> a.backend() == AgentConfig.Backend.REDIS).map(AgentConfig::name).toList();
        Optional<ConsensusWindow> window = windowSeconds > 0 && !federated.isEmpty()
                ? Optional.of(new ConsensusWindow(modelSignals.orElseThrow(), federated, Duration.ofSeconds(windowSeconds), maxSignalAge))
                : Optional.empty();
        List<Agent> panel = new ArrayList<>();
        for (AgentConfig agent : agents) {
            if (agent.backend() == AgentConfig.Backend.REDIS) {
                panel.add(new ModelSignalAgent(agent.name(), agent.domain(), modelSignals.orElseThrow(), maxSignalAge, window,
                        Clock.systemUTC()));
            } else if (agent.backend() == AgentConfig.Backend.RULES) {
                panel.add(RulesPanel.agents(List.of(agent.name())).get(0));
            } else {
                Agent rules = agent.fallback() == AgentConfig.Fallback.RULES ? RulesPanel.agents(List.of(agent.name())).get(0) : null;
                panel.add(new LlmAgent(agent.name(), agent.domain(), agent.prompt(), prompts, chain.orElseThrow(),
                        DataBlockLimits.DEFAULT, rules, promptMode));
            }
        }
        return List.copyOf(panel);
    }

    public MarketData marketData() {
        return marketData;
    }

    /** Reads the market-data directory again (after a sync wrote new files); the next cycle decides on them. */
    public void reloadMarketData() {
        marketData.reload();
    }

    public QuorumConfig config() {
        return config;
    }

    public DecisionCycle cycle() {
        return cycle;
    }

    public OutboxPublisher publisher() {
        return publisher;
    }

    public Outbox outbox() {
        return outbox;
    }

    public DecisionStore store() {
        return store;
    }

    public TrustLedger trust() {
        return trust;
    }

    public MetaLearner metaLearner() {
        return metaLearner;
    }

    public OutcomeRecorder outcomes() {
        return outcomes;
    }

    /** The automatic feedback loop: {@link #resolveOutcomes} and a backtest's final horizon go through it. */
    public PendingOutcomes pendingOutcomes() {
        return pending;
    }

    public QuorumDatabase database() {
        return database;
    }

    public List<ReadinessCheck> readinessChecks() {
        return List.copyOf(readinessChecks);
    }

    /** The latest session on or before today (in the exchange's zone) that the market data has bars for. */
    public LocalDate latestSession() {
        LocalDate today = LocalDate.now(ZoneId.of("America/New_York"));
        List<LocalDate> sessions = marketData.calendar().sessions();
        for (int i = sessions.size() - 1; i >= 0; i--) {
            if (!sessions.get(i).isAfter(today)) {
                return sessions.get(i);
            }
        }
        throw new IllegalStateException("the market data in " + config.marketDataDirectory() + " has no session on or before " + today);
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                log.warn("closing a component failed: {}", e.getMessage());
            }
        }
    }
}
