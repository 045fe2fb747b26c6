package dev.quorum.orchestrator.backtest;

import dev.quorum.orchestrator.config.AgentConfig;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;

import java.nio.file.Path;
import java.util.ArrayList;
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
        // Laid on as options, not as QUORUM_ variables: a bad --policy is reported as set by --policy, where an
        // environment variable the operator never set would send them looking in the wrong place.
        List<ConfigLoader.OptionSetting> options = new ArrayList<>();
        if (!recall) {
            options.add(new ConfigLoader.OptionSetting("memory.recall_k", "0", "--recall off"));
        }
        // A backtest remembers its own situations, in an embedded store in its state directory: in a configured Chroma
        // it would index history into the service's collection, where the live agents recall from.
        options.add(new ConfigLoader.OptionSetting("memory.recall_store", "embedded", "backtest (its own store)"));
        options.add(new ConfigLoader.OptionSetting("watchlist", String.join(",", settings.tickers()), "--tickers"));
        options.add(new ConfigLoader.OptionSetting("market.data_dir", settings.marketData().toString(), "--data"));
        options.add(new ConfigLoader.OptionSetting("data_dir", settings.stateDirectory().toString(), "--db"));
        options.add(new ConfigLoader.OptionSetting("memory.sqlite_path", settings.database().toAbsolutePath().toString(), "--db"));
        options.add(new ConfigLoader.OptionSetting("trust.policy", policy, "--policy"));
        QuorumConfig config = new ConfigLoader(environment).from(file, options);
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
