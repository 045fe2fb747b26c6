package dev.quorum.orchestrator.runtime;

import dev.quorum.agents.Agent;
import dev.quorum.agents.federation.ConsensusWindow;
import dev.quorum.agents.federation.ModelSignalAgent;
import dev.quorum.agents.llm.LlmAgent;
import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.llm.OllamaEndpoint;
import dev.quorum.agents.llm.ResponseCache;
import dev.quorum.agents.prompts.DataBlockLimits;
import dev.quorum.agents.prompts.PromptMode;
import dev.quorum.agents.prompts.PromptRepository;
import dev.quorum.agents.prompts.PromptTemplateException;
import dev.quorum.agents.rules.RulesPanel;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.agents.concurrent.DaemonThreads;
import dev.quorum.orchestrator.config.AgentConfig;
import dev.quorum.orchestrator.config.ConfigException;
import dev.quorum.orchestrator.config.ConsensusConfig;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.config.SynthesisConfig;
import dev.quorum.orchestrator.consensus.AbsoluteConsensus;
import dev.quorum.orchestrator.cycle.PanelRunner;
import dev.quorum.orchestrator.health.OllamaEndpointCheck;
import dev.quorum.orchestrator.health.LlmAvailabilityCheck;
import dev.quorum.orchestrator.health.ReadinessCheck;
import dev.quorum.orchestrator.llm.ModelChains;
import dev.quorum.orchestrator.synthesis.AbsoluteConsensusGate;
import dev.quorum.orchestrator.synthesis.LlmSynthesis;
import dev.quorum.orchestrator.synthesis.RuleSynthesis;
import dev.quorum.orchestrator.synthesis.Synthesiser;
import redis.clients.jedis.UnifiedJedis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The agent panel and the synthesis, with the Ollama model chain they share: built once, when an agent or the
 * synthesis uses Ollama. Agents answered from Redis (seed 003's external models) read their signals through the
 * process's Redis client, or a client of their own when the process publishes to a file.
 *
 * @param runner     the agents, asked in parallel on a pool sized for {@code parallel_tickers} tickers at once, and as
 *                   many more as a pipelined backtest asks ahead
 * @param llmChecks  each Ollama endpoint's readiness check and the one that enough of them answer; empty without Ollama
 */
record PanelParts(PanelRunner runner, int size, Optional<ModelChainClient> modelChain, Synthesiser synthesiser,
                  RuleSynthesis rules, List<ReadinessCheck> llmChecks) {

    /** Where the agents of the panel come from. */
    record AgentSource(Optional<Function<AgentConfig, Agent>> override, Optional<ResponseCache> responseCache,
                       PromptMode promptMode) {

        /** Each agent on its configured backend, every LLM reply asked of the model. */
        static final AgentSource CONFIGURED = new AgentSource(Optional.empty(), Optional.empty(), PromptMode.LIVE);
    }

    static PanelParts open(QuorumConfig config, AgentSource source, Optional<UnifiedJedis> redis, Resources resources) {
        boolean usesOllama = config.agents().stream().anyMatch(a -> a.backend() == AgentConfig.Backend.OLLAMA)
                || config.synthesis().backend() == SynthesisConfig.Backend.OLLAMA;
        Optional<ModelChainClient> chain = usesOllama
                ? Optional.of(resources.own(new ModelChainClient(ModelChains.from(config), Clock.systemUTC(), source.responseCache())))
                : Optional.empty();
        Optional<UnifiedJedis> modelSignals = Optional.empty();
        if (config.agents().stream().anyMatch(a -> a.backend() == AgentConfig.Backend.REDIS)) {
            modelSignals = redis.isPresent() ? redis
                    : Optional.of(resources.own(RedisConnections.open(RedisUrl.parse(config.redis().url()))));
        }
        List<Agent> agents = source.override().isPresent()
                ? config.agents().stream().map(source.override().get()).toList()
                : agents(config, chain, source.promptMode(), modelSignals);
        // A pipelined backtest asks enough tickers' agents at once to fill every endpoint slot, beside the cycle's own.
        int panels = config.parallelTickers() + (usesOllama ? ModelChains.panelsAhead(config.ollama(), agents.size()) : 0);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, agents.size() * panels), DaemonThreads.named("agent"));
        resources.own(pool::shutdownNow);

        Optional<AbsoluteConsensus> absolute = config.consensus().mode() == ConsensusConfig.Mode.ABSOLUTE
                ? Optional.of(new AbsoluteConsensus(config.consensus().consensusThreshold())) : Optional.empty();
        RuleSynthesis rules = new RuleSynthesis(config.synthesis().actThreshold(), absolute);
        Synthesiser synthesiser = rules;
        if (config.synthesis().backend() == SynthesisConfig.Backend.OLLAMA) {
            synthesiser = new LlmSynthesis(new PromptRepository(config.promptsDirectory()), chain.orElseThrow(), rules,
                    source.promptMode());
            if (absolute.isPresent()) {
                synthesiser = new AbsoluteConsensusGate(synthesiser, absolute.get());
            }
        }
        return new PanelParts(new PanelRunner(agents, pool), agents.size(), chain, synthesiser, rules,
                chain.map(client -> llmChecks(config, client)).orElse(List.of()));
    }

    /**
     * Each Ollama endpoint's own check (optional: one of several down only degrades) and the required one that
     * enough of them answer ({@code health.llm_min_available}).
     */
    private static List<ReadinessCheck> llmChecks(QuorumConfig config, ModelChainClient chain) {
        // An endpoint no tier of the chain uses serves nothing: it has no check of its own.
        List<String> served = chain.config().endpoints().stream().map(OllamaEndpoint::baseUrl).toList();
        List<ReadinessCheck> endpoints = config.ollama().endpoints().stream()
                .filter(e -> served.contains(OllamaEndpoint.of(e.url()).baseUrl()))
                .<ReadinessCheck>map(e -> new OllamaEndpointCheck(e.name(), e.url(), chain)).toList();
        List<ReadinessCheck> checks = new ArrayList<>(endpoints);
        checks.add(new LlmAvailabilityCheck(endpoints, config.health().llmMinAvailable()));
        return List.copyOf(checks);
    }

    private static List<Agent> agents(QuorumConfig config, Optional<ModelChainClient> chain, PromptMode promptMode,
                                      Optional<UnifiedJedis> modelSignals) {
        PromptRepository prompts = new PromptRepository(config.promptsDirectory());
        Duration maxSignalAge = Duration.ofSeconds(config.federation().maxSignalAgeSeconds());
        int windowSeconds = config.consensus().windowSeconds();
        List<String> federated = config.agents().stream().filter(a -> a.backend() == AgentConfig.Backend.REDIS)
                .map(AgentConfig::name).toList();
        Optional<ConsensusWindow> window = windowSeconds > 0 && !federated.isEmpty()
                ? Optional.of(new ConsensusWindow(modelSignals.orElseThrow(), federated, Duration.ofSeconds(windowSeconds), maxSignalAge))
                : Optional.empty();
        List<Agent> panel = new ArrayList<>();
        for (AgentConfig agent : config.agents()) {
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

    /**
     * Refuses a start whose LLM roles (agents on ollama, the synthesis on ollama) have a prompt file that does not load:
     * with no good version ever loaded such a role abstains on every call, each decision a provisional HOLD found only
     * mid-cycle. A broken edit while running is another matter: the last good version keeps serving.
     */
    static void requirePrompts(QuorumConfig config) {
        PromptRepository prompts = new PromptRepository(config.promptsDirectory());
        for (int i = 0; i < config.agents().size(); i++) {
            if (config.agents().get(i).backend() == AgentConfig.Backend.OLLAMA) {
                requirePrompt(prompts, "agents[" + i + "].prompt", config.agents().get(i).prompt());
            }
        }
        if (config.synthesis().backend() == SynthesisConfig.Backend.OLLAMA) {
            requirePrompt(prompts, "synthesis.backend", "synthesis");
        }
    }

    private static void requirePrompt(PromptRepository prompts, String key, String id) {
        java.nio.file.Path file = prompts.directory().resolve(id + ".prompt");
        if (!java.nio.file.Files.isRegularFile(file)) {
            // Said here in the one refusal line; the repository would log its own error line first.
            throw new ConfigException(key, "needs the prompt '" + id + "', but " + file + " does not exist");
        }
        try {
            prompts.current(id);
        } catch (PromptTemplateException e) {
            throw new ConfigException(key, "needs the prompt '" + id + "', which cannot be used: " + e.getMessage());
        }
    }
}
