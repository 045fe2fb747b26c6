package dev.quorum.orchestrator.config;

import dev.quorum.orchestrator.backtest.BacktestConfig;
import dev.quorum.orchestrator.backtest.BacktestSettings;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed-fidelity settings: federation (seed 003), seed_api (seed 001) and the peer review (seed 002), checked at start-up. */
class SeedFidelityConfigTest {

    @TempDir
    Path dir;

    private QuorumConfig load(String yaml) throws Exception {
        return new ConfigLoader(Map.of()).from(Optional.of(Files.writeString(dir.resolve("quorum.yaml"), yaml)));
    }

    @Test
    void should_read_redis_agents_and_the_alias_table() throws Exception {
        QuorumConfig config = load("""
                agents:
                  - {name: xgb, domain: gradient-boosting, backend: redis}
                  - {name: risk, domain: volatility-drawdown, backend: rules}
                federation: {max_signal_age_seconds: 30}
                seed_api: {agent_aliases: {RiskAgent: risk}}
                """);

        assertEquals(AgentConfig.Backend.REDIS, config.agents().get(0).backend());
        assertEquals(30, config.federation().maxSignalAgeSeconds());
        assertEquals(100, config.federation().trustEventsCap());
        assertEquals(Map.of("RiskAgent", "risk"), config.seedApi().agentAliases());
    }

    @Test
    void should_refuse_to_backtest_a_panel_with_an_external_model() throws Exception {
        Path file = Files.writeString(dir.resolve("panel.yaml"), """
                agents:
                  - {name: xgb, domain: gradient-boosting, backend: redis}
                  - {name: risk, domain: volatility-drawdown, backend: rules}
                """);
        BacktestSettings settings = new BacktestSettings(ProjectPaths.root().resolve("samples/market"), List.of("NVDA"),
                LocalDate.parse("2024-06-03"), LocalDate.parse("2024-06-28"), dir.resolve("backtest.db"), OptionalInt.empty());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> BacktestConfig.of(settings,
                Optional.of(file), BacktestConfig.Backend.RULES, "outcome-ema", false, Map.of()));
        assertEquals("agent xgb has backend redis: an external model's live signal cannot be replayed over past dates;"
                + " backtest a panel without it", refused.getMessage());
    }

    @Test
    void should_refuse_an_alias_to_an_agent_not_on_the_panel_and_a_zero_signal_age() {
        ConfigException alias = assertThrows(ConfigException.class, () -> load("seed_api: {agent_aliases: {OptionsAgent: options}}\n"));
        assertTrue(alias.getMessage().contains("seed_api.agent_aliases.OptionsAgent"), alias.getMessage());
        ConfigException watch = assertThrows(ConfigException.class, () -> load("""
                agents:
                  - {name: xgb, domain: gradient-boosting, backend: redis}
                  - {name: risk, domain: volatility-drawdown, backend: rules}
                federation: {watch_seconds: 10}
                """));
        assertTrue(watch.getMessage().contains("federation.watch_seconds") && watch.getMessage().contains("decisions.redecide is false"),
                watch.getMessage());
        ConfigException age = assertThrows(ConfigException.class, () -> load("federation: {max_signal_age_seconds: 0}\n"));
        assertTrue(age.getMessage().contains("federation.max_signal_age_seconds"), age.getMessage());
    }

    @Test
    void should_read_the_seeds_auditor_and_learning_reviewers_beside_the_risk_agent() throws Exception {
        // seed 002's PeerReview: the auditor and learning agents review beside the risk agent
        String panel = "agents: [{name: technical, domain: trend-momentum, backend: rules}, {name: risk, domain: volatility-drawdown,"
                + " backend: rules}, {name: auditor, domain: cross-check, backend: rules}, {name: learning, domain: history, backend: rules}]\n";
        QuorumConfig config = load(panel + "review: {peers: [auditor, learning], caution: size, caution_factor: 0.25}\n");
        assertEquals(List.of("risk", "auditor", "learning"), config.review().reviewers());
        assertEquals(ReviewConfig.Caution.SIZE, config.review().caution());
        assertEquals(0.25, config.review().cautionFactor());
        ReviewConfig defaults = new ConfigLoader(Map.of()).from(Optional.empty()).review();
        assertEquals(List.of("risk"), defaults.reviewers());
        assertEquals(ReviewConfig.Caution.CONFIDENCE, defaults.caution());
        assertEquals(0.5, defaults.cautionFactor());
    }

    @Test
    void should_refuse_a_peer_not_on_the_panel_a_repeated_reviewer_and_an_unknown_caution() {
        ConfigException absent = assertThrows(ConfigException.class, () -> load("review: {peers: [auditor]}\n"));
        assertTrue(absent.getMessage().contains("review.peers") && absent.getMessage().contains("'auditor'"), absent.getMessage());
        ConfigException twice = assertThrows(ConfigException.class, () -> load("review: {peers: [risk]}\n"));
        assertTrue(twice.getMessage().contains("review.peers"), twice.getMessage());
        ConfigException caution = assertThrows(ConfigException.class, () -> load("review: {caution: leverage}\n"));
        assertTrue(caution.getMessage().contains("review.caution"), caution.getMessage());
        ConfigException factor = assertThrows(ConfigException.class, () -> load("review: {caution_factor: 1.5}\n"));
        assertTrue(factor.getMessage().contains("review.caution_factor"), factor.getMessage());
    }

    @Test
    void should_read_seed_000s_consensus_mode_window_and_proposer_updates() throws Exception {
        QuorumConfig defaults = load("watchlist: [NVDA]\n");
        assertEquals(ConsensusConfig.Mode.NORMALISED, defaults.consensus().mode());
        assertEquals(3.0, defaults.consensus().consensusThreshold());
        assertEquals(0, defaults.consensus().windowSeconds());
        assertEquals(TrustConfig.Updates.VOTERS, defaults.trust().updates());

        QuorumConfig seed = load("""
                agents:
                  - {name: xgb, domain: gradient-boosting, backend: redis}
                  - {name: risk, domain: volatility-drawdown, backend: rules}
                consensus: {mode: absolute, consensus_threshold: 3.0, window_seconds: 10}
                trust: {policy: win-rate, updates: proposers}
                """);
        assertEquals(ConsensusConfig.Mode.ABSOLUTE, seed.consensus().mode());
        assertEquals(10, seed.consensus().windowSeconds());
        assertEquals(TrustConfig.Updates.PROPOSERS, seed.trust().updates());

        ConfigException threshold = assertThrows(ConfigException.class, () -> load("consensus: {consensus_threshold: 0}\n"));
        assertTrue(threshold.getMessage().contains("consensus.consensus_threshold"), threshold.getMessage());
        ConfigException mode = assertThrows(ConfigException.class, () -> load("consensus: {mode: relative}\n"));
        assertTrue(mode.getMessage().contains("consensus.mode"), mode.getMessage());
        ConfigException window = assertThrows(ConfigException.class, () -> load("consensus: {window_seconds: 10}\n"));
        assertTrue(window.getMessage().contains("consensus.window_seconds") && window.getMessage().contains("no agent has backend redis"),
                window.getMessage());
    }

    @Test
    void should_read_seed_001s_27_feature_layout_and_refuse_it_for_more_than_9_agents() throws Exception {
        assertEquals(SeedApiConfig.MetalearnerLayout.ROSTER, load("watchlist: [NVDA]\n").seedApi().metalearnerLayout());
        assertEquals(SeedApiConfig.MetalearnerLayout.SEED_27, load("seed_api: {metalearner_layout: seed-27}\n").seedApi().metalearnerLayout());

        StringBuilder ten = new StringBuilder("seed_api: {metalearner_layout: seed-27}\nagents:\n"
                + "  - {name: risk, domain: volatility-drawdown, backend: rules}\n");
        for (int i = 1; i <= 9; i++) {
            ten.append("  - {name: m").append(i).append(", domain: external, backend: redis}\n");
        }
        ConfigException refused = assertThrows(ConfigException.class, () -> load(ten.toString()));
        assertTrue(refused.getMessage().contains("seed_api.metalearner_layout") && refused.getMessage().contains("room for 9 agents; the panel has 10"),
                refused.getMessage());
    }
}
