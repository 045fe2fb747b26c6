package dev.quorum.orchestrator.backtest;

import dev.quorum.orchestrator.config.AgentConfig;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration a backtest runs under: the operator's (defaults, optional file, environment) with the
 * backtest's own choices laid on top through the same override mechanism the environment uses, so they are
 * validated like any setting.
 */
public final class BacktestConfig {

    /** Which agents answer: the rules baseline, or the LLM agents of the configuration with their fallbacks. */
    public enum Backend { RULES, OLLAMA }

    private BacktestConfig() {
    }

    /**
     * @param policy a trust policy name ({@code dev.quorum.memory.trust.TrustPolicies#names()})
     */
    public static QuorumConfig of(BacktestSettings settings, Optional<Path> file, Backend backend, String policy,
                                  Map<String, String> environment) {
        return of(settings, file, backend, policy, true, environment);
    }

    /**
     * @param recall false switches similar-situation recall off (no embedding, no indexing): much faster, and the rules
     *               agents never read the recall block, so a rules backtest decides exactly the same without it
     */
    public static QuorumConfig of(BacktestSettings settings, Optional<Path> file, Backend backend, String policy,
                                  boolean recall, Map<String, String> environment) {
        Map<String, String> overrides = new HashMap<>(environment);
        if (!recall) {
            overrides.put("QUORUM_MEMORY_RECALL_K", "0");
        }
        overrides.put("QUORUM_WATCHLIST", String.join(",", settings.tickers()));
        overrides.put("QUORUM_MARKET_DATA_DIR", settings.marketData().toString());
        overrides.put("QUORUM_DATA_DIR", settings.stateDirectory().toString());
        overrides.put("QUORUM_MEMORY_SQLITE_PATH", settings.database().toAbsolutePath().toString());
        overrides.put("QUORUM_TRUST_POLICY", policy);
        QuorumConfig config = new ConfigLoader(overrides).from(file);
        config.agents().stream().filter(a -> a.backend() == AgentConfig.Backend.REDIS).findFirst().ifPresent(a -> {
            // An external model's signal is its latest call, not what it said on a past date: it cannot be replayed.
            throw new IllegalArgumentException("agent " + a.name() + " has backend redis: an external model's live signal"
                    + " cannot be replayed over past dates; backtest a panel without it");
        });
        List<AgentConfig> agents = config.agents().stream()
                .map(a -> new AgentConfig(a.name(), a.domain(), a.prompt(),
                        backend == Backend.RULES ? AgentConfig.Backend.RULES : AgentConfig.Backend.OLLAMA, a.fallback()))
                .toList();
        return config.withAgents(agents);
    }
}
