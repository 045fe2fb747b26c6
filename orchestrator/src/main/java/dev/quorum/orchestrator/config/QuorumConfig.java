package dev.quorum.orchestrator.config;

import dev.quorum.agents.llm.ResilienceSettings;
import dev.quorum.memory.metalearner.AgentRoster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole configuration of a Quorum process, immutable and validated. Built by {@link ConfigLoader}.
 *
 * @param watchlist       the tickers decided each cycle
 * @param parallelTickers how many tickers a cycle decides at once; each one's agents share the endpoints' bulkheads,
 *                        so more than {@code endpoint parallel / agents} only queues calls
 * @param dataDir         where Quorum keeps its state (SQLite, vector store, fallback JSON lines); relative paths
 *                        are resolved against the working directory
 * @param promptsDir      the prompt files of the LLM agents ({@code <prompt>.prompt}); relative to the working directory,
 *                        else to the installation
 * @param credentialsFile an optional {@code KEY=VALUE} file holding the secrets ({@code QUORUM_HTTP_TOKEN},
 *                        {@code QUORUM_REDIS_URL})
 */
public record QuorumConfig(List<String> watchlist, Integer parallelTickers, String dataDir, String credentialsFile, String promptsDir, MarketConfig market,
                           ScheduleConfig schedule, List<AgentConfig> agents, OllamaConfig ollama,
                           ResilienceConfig resilience, BudgetConfig budget, ConsensusConfig consensus,
                           SynthesisConfig synthesis, ReviewConfig review, TrustConfig trust, OutcomeConfig outcome,
                           MemoryConfig memory, RedisConfig redis, HttpConfig http,
                           DecisionsConfig decisions, ScaleConfig scale, HealthConfig health, FederationConfig federation,
                           SeedApiConfig seedApi) {

    public QuorumConfig {
        watchlist = ConfigCheck.nonEmpty("watchlist", watchlist);
        Set<String> seen = new HashSet<>();
        for (String ticker : watchlist) {
            if (!Tickers.isTicker(ticker)) {
                throw ConfigCheck.invalid("watchlist", Tickers.notATicker(ticker));
            }
            if (!seen.add(ticker)) {
                throw ConfigCheck.invalid("watchlist", "'" + ticker + "' is listed twice");
            }
        }
        ConfigCheck.between("parallel_tickers", parallelTickers, 1, 64);
        ConfigCheck.text("data_dir", dataDir);
        ConfigCheck.text("prompts_dir", promptsDir);
        // Sections always exist after merging with the defaults; null means the file wrote "section:" with nothing.
        String[] sectionNames = {"market", "schedule", "ollama", "resilience", "budget", "consensus", "synthesis",
                "review", "trust", "outcome", "memory", "redis", "http", "decisions", "scale", "health", "federation", "seed_api"};
        Object[] sections = {market, schedule, ollama, resilience, budget, consensus, synthesis, review, trust, outcome,
                memory, redis, http, decisions, scale, health, federation, seedApi};
        for (int i = 0; i < sections.length; i++) {
            ConfigCheck.present(sectionNames[i], sections[i]);
        }
        agents = ConfigCheck.nonEmpty("agents", agents);
        Set<String> names = new HashSet<>();
        for (AgentConfig agent : agents) {
            if (!names.add(agent.name())) {
                throw ConfigCheck.invalid("agents", "agent name '" + agent.name() + "' is used twice");
            }
        }
        if (!names.contains(review.riskAgent())) {
            throw ConfigCheck.invalid("review.risk_agent", "names '" + review.riskAgent() + "', which is not on the panel " + names);
        }
        for (String peer : review.peers()) {
            if (!names.contains(peer)) {
                throw ConfigCheck.invalid("review.peers", "names '" + peer + "', which is not on the panel " + names);
            }
        }
        if (federation.watchSeconds() > 0) {
            if (agents.stream().noneMatch(a -> a.backend() == AgentConfig.Backend.REDIS)) {
                throw ConfigCheck.invalid("federation.watch_seconds", "is " + federation.watchSeconds()
                        + " but no agent has backend redis: there is no external model signal to watch");
            }
            if (!decisions.redecide()) {
                throw ConfigCheck.invalid("federation.watch_seconds", "is " + federation.watchSeconds()
                        + " but decisions.redecide is false: a changed signal could never change the day's decision");
            }
        }
        if (consensus.windowSeconds() > 0 && agents.stream().noneMatch(a -> a.backend() == AgentConfig.Backend.REDIS)) {
            throw ConfigCheck.invalid("consensus.window_seconds", "is " + consensus.windowSeconds()
                    + " but no agent has backend redis: the window groups the signals of asynchronously publishing models");
        }
        if (seedApi.metalearnerLayout() == SeedApiConfig.MetalearnerLayout.SEED_27 && agents.size() > AgentRoster.SEED_SLOTS) {
            throw ConfigCheck.invalid("seed_api.metalearner_layout", "is seed-27, which has room for " + AgentRoster.SEED_SLOTS + " agents; the panel has "
                    + agents.size());
        }
        seedApi.agentAliases().forEach((alias, agent) -> {
            if (!names.contains(agent)) {
                throw ConfigCheck.invalid("seed_api.agent_aliases." + alias, "names '" + agent + "', which is not on the panel " + names);
            }
        });
        if (scale.reclaimIdleSeconds() <= budget.maxWallSeconds()) {
            throw ConfigCheck.invalid("scale.reclaim_idle_seconds", "is " + scale.reclaimIdleSeconds()
                    + " but a decision may take budget.max_wall_seconds = " + budget.maxWallSeconds()
                    + ": a worker still deciding would have its job reclaimed by another");
        }
        int roles = llmRoles(agents, synthesis);
        int targets = chainTargets(ollama);
        int pass = BudgetConfig.onePass(roles, targets);
        if (budget.maxLlmCalls() != null && budget.maxLlmCalls() < pass) {
            throw ConfigCheck.invalid("budget.max_llm_calls", "is " + budget.maxLlmCalls() + ", less than one pass of"
                    + " the LLM roles over the chain: " + roles + " LLM roles x " + targets + " (endpoint, model) x "
                    + ResilienceSettings.DEFAULT_ASKS_PER_MODEL + " asks = " + pass + "; raise it, or leave it null to derive it");
        }
        if (consensus.quorum() > agents.size()) {
            throw ConfigCheck.invalid("consensus.quorum", "is " + consensus.quorum() + " but only " + agents.size()
                    + " agents are configured: no decision could ever reach it");
        }
    }

    /** The same configuration with another panel (validated again, e.g. the quorum against the new size). */
    public QuorumConfig withAgents(List<AgentConfig> newAgents) {
        return new QuorumConfig(watchlist, parallelTickers, dataDir, credentialsFile, promptsDir, market, schedule,
                newAgents, ollama, resilience, budget, consensus, synthesis, review, trust, outcome, memory, redis, http,
                decisions, scale, health, federation, seedApi);
    }

    /**
     * The budget of one decision with {@code max_llm_calls} derived when the file leaves it null: one full pass of
     * every LLM role (agents on the ollama backend, and the synthesis when it is on ollama) over every (endpoint,
     * model) of the chain, each asked once and re-asked once. Retries of failed calls come out of the same budget,
     * so a flaky chain may still spend it: set a larger number to give them room.
     */
    public BudgetConfig llmBudget() {
        return budget.orOnePass(llmRoles(agents, synthesis), chainTargets(ollama));
    }

    private static int llmRoles(List<AgentConfig> agents, SynthesisConfig synthesis) {
        int roles = (int) agents.stream().filter(a -> a.backend() == AgentConfig.Backend.OLLAMA).count();
        return roles + (synthesis.backend() == SynthesisConfig.Backend.OLLAMA ? 1 : 0);
    }

    /** The (endpoint, model) targets of the chain: each model once per endpoint serving it. */
    public static int chainTargets(OllamaConfig ollama) {
        return ollama.chain().stream().mapToInt(link -> link.servedBy(ollama.endpoints()).size()).sum();
    }

    /** The same configuration deciding other tickers (validated again as a watchlist). */
    public QuorumConfig withWatchlist(List<String> tickers) {
        return new QuorumConfig(tickers, parallelTickers, dataDir, credentialsFile, promptsDir, market, schedule,
                agents, ollama, resilience, budget, consensus, synthesis, review, trust, outcome, memory, redis, http,
                decisions, scale, health, federation, seedApi);
    }

    /** The same configuration deciding {@code tickers} tickers at once (validated again). */
    public QuorumConfig withParallelTickers(int tickers) {
        return new QuorumConfig(watchlist, tickers, dataDir, credentialsFile, promptsDir, market, schedule,
                agents, ollama, resilience, budget, consensus, synthesis, review, trust, outcome, memory, redis, http,
                decisions, scale, health, federation, seedApi);
    }

    /** The same configuration deciding on another SQLite file (a command's {@code --db}; absolute, or under data_dir). */
    public QuorumConfig withSqliteFile(Path file) {
        return new QuorumConfig(watchlist, parallelTickers, dataDir, credentialsFile, promptsDir, market, schedule,
                agents, ollama, resilience, budget, consensus, synthesis, review, trust, outcome,
                memory.withSqlitePath(file.toString()), redis, http, decisions, scale, health, federation, seedApi);
    }

    public Path dataDirectory() {
        return Path.of(dataDir);
    }

    /** The SQLite file: {@code memory.sqlite_path}, under {@link #dataDirectory()} when relative. */
    public Path sqliteFile() {
        return dataDirectory().resolve(memory.sqlitePath());
    }

    /** {@code prompts_dir}; relative and missing under the working directory: the installation's. */
    public Path promptsDirectory() {
        return Installation.resolve(Path.of(promptsDir));
    }

    /** {@code market.data_dir}; relative and missing under the working directory: the installation's (the sample). */
    public Path marketDataDirectory() {
        return Installation.resolve(Path.of(market.dataDir()));
    }

    /**
     * Whether {@code market.data_dir} is the shipped sample ({@code samples/market} of the installation), which is
     * historical by design: nothing syncs it, so it is never reported as behind today's session.
     */
    public boolean marketDataIsShippedSample() {
        try {
            return Files.isSameFile(marketDataDirectory(), Installation.resolve(Path.of("samples", "market")));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code market.data_dir} as a sync writes into it ({@code data sync}, {@code market.sync.before_cycle}): never the
     * shipped sample, which is historical by design and tracked by git; synced files are not meant to be committed.
     *
     * @throws ConfigException naming {@code market.data_dir} and how to point it at a directory of one's own
     */
    public Path marketDataDirectoryToSync() {
        if (marketDataIsShippedSample()) {
            throw new ConfigException("market.data_dir", "is the shipped sample " + marketDataDirectory()
                    + " (historical by design, kept in git): a sync writes only into a directory of your own; set"
                    + " market.data_dir or QUORUM_MARKET_DATA_DIR to one (an empty directory is filled from market.sync.start_date)");
        }
        return marketDataDirectory();
    }
}
