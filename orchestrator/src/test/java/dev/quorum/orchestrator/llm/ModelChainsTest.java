package dev.quorum.orchestrator.llm;

import dev.quorum.agents.llm.ModelChainConfig;
import dev.quorum.agents.llm.ModelTarget;
import dev.quorum.agents.llm.ModelTier;
import dev.quorum.agents.llm.OllamaEndpoint;
import dev.quorum.orchestrator.config.ConfigException;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelChainsTest {

    static final String GPUS = """
            ollama:
              endpoints:
                - {name: gpu1, url: "http://10.0.0.11:11434", parallel: 4}
                - {name: gpu2, url: "http://10.0.0.12:11434", parallel: 2}
                - {name: cpu, url: "http://10.0.0.13:11434", parallel: 1}
              chain:
            """;
    static final OllamaEndpoint GPU1 = new OllamaEndpoint("http://10.0.0.11:11434", 4);
    static final OllamaEndpoint GPU2 = new OllamaEndpoint("http://10.0.0.12:11434", 2);
    static final OllamaEndpoint CPU = new OllamaEndpoint("http://10.0.0.13:11434", 1);

    @TempDir
    Path dir;

    ModelChainConfig chain(String links) throws IOException {
        Path file = dir.resolve("quorum.yaml");
        Files.writeString(file, GPUS + links);
        return ModelChains.from(new ConfigLoader(Map.of()).from(Optional.of(file)));
    }

    ConfigException failure(String links) {
        return assertThrows(ConfigException.class, () -> chain(links));
    }

    @Test
    void should_map_the_default_configuration_to_the_model_chain() {
        QuorumConfig config = new ConfigLoader(Map.of()).from(Optional.empty());

        ModelChainConfig chain = ModelChains.from(config);

        OllamaEndpoint local = new OllamaEndpoint("http://127.0.0.1:11434", 2);
        assertEquals(List.of(new ModelTarget(local, "qwen2.5:7b"), new ModelTarget(local, "llama3.1:8b"),
                new ModelTarget(local, "gemma3:4b")), chain.targets());
        assertEquals(Duration.ofSeconds(config.resilience().callTimeoutSeconds()), chain.resilience().callTimeout());
        assertEquals(config.resilience().maxAttempts(), chain.resilience().maxAttempts());
        assertEquals(Duration.ofSeconds(config.resilience().breakerOpenSeconds()), chain.resilience().openDuration());
        assertEquals(config.llmBudget().maxLlmCalls(), ModelChains.budget(config.llmBudget(), java.time.Clock.systemUTC()).maxCalls());
    }

    @Test
    void should_serve_a_model_by_every_endpoint_by_the_listed_ones_or_by_one() throws IOException {
        ModelChainConfig chain = chain("""
                    - {model: "qwen2.5:7b"}
                    - {model: "llama3.1:8b", endpoints: [gpu2, gpu1]}
                    - {model: "gemma3:4b", endpoint: cpu}
                """);

        assertEquals(List.of(new ModelTier("qwen2.5:7b", List.of(GPU1, GPU2, CPU)),
                new ModelTier("llama3.1:8b", List.of(GPU2, GPU1)),
                ModelTier.of(CPU, "gemma3:4b")), chain.chain());
    }

    @Test
    void should_keep_one_endpoint_per_link_as_a_strict_order_of_fallbacks() throws IOException {
        ModelChainConfig chain = chain("""
                    - {endpoint: gpu1, model: "qwen2.5:7b"}
                    - {endpoint: cpu, model: "qwen2.5:7b"}
                """);

        assertEquals(List.of(ModelTier.of(GPU1, "qwen2.5:7b"), ModelTier.of(CPU, "qwen2.5:7b")), chain.chain());
    }

    @Test
    void should_refuse_a_chain_link_that_names_its_endpoints_wrongly() {
        ConfigException both = failure("    - {model: m, endpoint: gpu1, endpoints: [gpu2]}\n");
        assertEquals("ollama.chain[0].endpoints", both.key());
        assertTrue(both.getMessage().contains("not both"), both::getMessage);

        ConfigException empty = failure("    - {model: m, endpoints: []}\n");
        assertEquals("ollama.chain[0].endpoints", empty.key());
        assertTrue(empty.getMessage().contains("at least one"), empty::getMessage);

        ConfigException twice = failure("    - {model: m, endpoints: [gpu1, gpu1]}\n");
        assertTrue(twice.getMessage().contains("names endpoint 'gpu1' twice"), twice::getMessage);

        ConfigException unknown = failure("    - {model: a}\n    - {model: m, endpoints: [gpu1, gpu3]}\n");
        assertEquals("ollama.chain", unknown.key());
        assertTrue(unknown.getMessage().contains("entry 2 (model m) names endpoint 'gpu3', which is not among the endpoints"
                + " [gpu1, gpu2, cpu]"), unknown::getMessage);

        ConfigException again = failure("    - {model: m}\n    - {model: m, endpoint: gpu2}\n");
        assertEquals("ollama.chain", again.key());
        assertTrue(again.getMessage().contains("entry 2 puts model m on endpoint 'gpu2' again"), again::getMessage);
    }
}
