package dev.quorum.orchestrator.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The whole configuration of a Quorum process, immutable and validated. Built by {@link ConfigLoader}.
 *
 * @param watchlist       the tickers decided each cycle
 * @param parallelTickers how many tickers a cycle decides at once; each one's agents share the endpoints' bulkheads,
 *                        so more than {@code endpoint parallel / agents} only queues calls
 * @param dataDir         where Quorum keeps its state (SQLite, vector store, fallback JSON lines); relative paths
 *                        are resolved against the working directory
 * @param promptsDir      the prompt files of the LLM agents ({@code <prompt>.prompt}); relative to the working directory
 * @param credentialsFile an optional {@code KEY=VALUE} file holding the secrets ({@code QUORUM_HTTP_TOKEN},
 *                        {@code QUORUM_REDIS_URL})
 */
public record QuorumConfig(List<String> watchlist, Integer parallelTickers, String dataDir, String credentialsFile, String promptsDir, MarketConfig market,
                           ScheduleConfig schedule, List<AgentConfig> agents, OllamaConfig ollama,
                           ResilienceConfig resilience, BudgetConfig budget, ConsensusConfig consensus,
                           SynthesisConfig synthesis, ReviewConfig review, TrustConfig trust, OutcomeConfig outcome,
                           MemoryConfig memory, RedisConfig redis, HttpConfig http,
                           DecisionsConfig decisions, ScaleConfig scale, FederationConfig federation,
                           SeedApiConfig seedApi) {

    private static final Pattern TICKER = Pattern.compile("[A-Z][A-Z0-9.^-]{0,14}");

    public QuorumConfig {
        watchlist = ConfigCheck.nonEmpty("watchlist", watchlist);
        Set<String> seen = new HashSet<>();
        for (String ticker : watchlist) {
            if (!TICKER.matcher(ticker).matches()) {
                throw ConfigCheck.invalid("watchlist", "'" + ticker + "' is not a ticker (upper case, e.g. NVDA or BRK.B)");
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
                "review", "trust", "outcome", "memory", "redis", "http", "decisions", "scale", "federation", "seed_api"};
        Object[] sections = {market, schedule, ollama, resilience, budget, consensus, synthesis, review, trust, outcome,
                memory, redis, http, decisions, scale, federation, seedApi};
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
        if (consensus.quorum() > agents.size()) {
            throw ConfigCheck.invalid("consensus.quorum", "is " + consensus.quorum() + " but only " + agents.size()
                    + " agents are configured: no decision could ever reach it");
        }
    }

    /** The same configuration with another panel (validated again, e.g. the quorum against the new size). */
    public QuorumConfig withAgents(List<AgentConfig> newAgents) {
        return new QuorumConfig(watchlist, parallelTickers, dataDir, credentialsFile, promptsDir, market, schedule,
                newAgents, ollama, resilience, budget, consensus, synthesis, review, trust, outcome, memory, redis, http,
                decisions, scale, federation, seedApi);
    }

    public Path dataDirectory() {
        return Path.of(dataDir);
    }

    /** The SQLite file: {@code memory.sqlite_path}, under {@link #dataDirectory()} when relative. */
    public Path sqliteFile() {
        return dataDirectory().resolve(memory.sqlitePath());
    }

    public Path promptsDirectory() {
        return Path.of(promptsDir);
    }

    public Path marketDataDirectory() {
        return Path.of(market.dataDir());
    }
}
