package dev.quorum.orchestrator.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code budget.max_llm_calls}: derived from the panel and the chain, or refused at start-up when below one pass. */
class LlmBudgetConfigTest {

    /** Four LLM agents and the LLM synthesis on the default three-model chain of one endpoint. */
    private static final String LLM_PANEL = """
            agents:
              - {name: technical, domain: trend-momentum, backend: ollama}
              - {name: risk, domain: volatility-drawdown, backend: ollama}
              - {name: sentiment, domain: news-sentiment, backend: ollama}
              - {name: macro, domain: regime-rates, backend: ollama}
            synthesis: {backend: ollama}
            """;

    @TempDir
    Path dir;

    private QuorumConfig load(String yaml) throws IOException {
        Path file = dir.resolve("quorum.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(Map.of()).from(Optional.of(file));
    }

    @Test
    void should_derive_one_pass_of_every_llm_role_over_the_chain_when_left_null() throws IOException {
        // 5 roles x 3 (endpoint, model) x 2 asks.
        assertEquals(30, load(LLM_PANEL).llmBudget().maxLlmCalls());
        // Two endpoints serving the first model: 4 targets; 2 LLM agents, rules synthesis: 2 x 4 x 2.
        assertEquals(16, load("""
                agents:
                  - {name: technical, domain: trend-momentum, backend: ollama}
                  - {name: risk, domain: volatility-drawdown, backend: ollama}
                ollama:
                  endpoints: [{name: a, url: "http://127.0.0.1:1", parallel: 1}, {name: b, url: "http://127.0.0.1:2", parallel: 1}]
                  chain: [{model: m1}, {model: m2, endpoint: a}, {model: m3, endpoint: b}]
                review: {risk_agent: risk}
                consensus: {quorum: 2}
                """).llmBudget().maxLlmCalls());
        // The rules panel asks no model; an explicit number is kept as it is.
        assertEquals(1, new ConfigLoader(Map.of()).from(Optional.empty()).llmBudget().maxLlmCalls());
        assertEquals(31, load(LLM_PANEL + "budget: {max_llm_calls: 31}\n").llmBudget().maxLlmCalls());
    }

    @Test
    void should_refuse_a_budget_below_one_pass_naming_the_key_and_the_pass() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(LLM_PANEL + "budget: {max_llm_calls: 24}\n"));
        assertEquals("budget.max_llm_calls", e.key());
        assertTrue(e.getMessage().contains("is 24, less than one pass of the LLM roles over the chain:"
                + " 5 LLM roles x 3 (endpoint, model) x 2 asks = 30"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
