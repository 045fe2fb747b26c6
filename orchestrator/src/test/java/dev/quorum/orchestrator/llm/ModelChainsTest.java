package dev.quorum.orchestrator.llm;

import dev.quorum.agents.llm.ModelChainConfig;
import dev.quorum.agents.llm.ModelTarget;
import dev.quorum.agents.llm.OllamaEndpoint;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelChainsTest {

    @Test
    void should_map_the_default_configuration_to_the_model_chain() {
        QuorumConfig config = new ConfigLoader(Map.of()).from(Optional.empty());

        ModelChainConfig chain = ModelChains.from(config);

        OllamaEndpoint local = new OllamaEndpoint("http://127.0.0.1:11434", 2);
        assertEquals(List.of(new ModelTarget(local, "qwen2.5:7b"), new ModelTarget(local, "llama3.1:8b"),
                new ModelTarget(local, "gemma3:4b")), chain.chain());
        assertEquals(Duration.ofSeconds(config.resilience().callTimeoutSeconds()), chain.resilience().callTimeout());
        assertEquals(config.resilience().maxAttempts(), chain.resilience().maxAttempts());
        assertEquals(Duration.ofSeconds(config.resilience().breakerOpenSeconds()), chain.resilience().openDuration());
        assertEquals(config.budget().maxLlmCalls(), ModelChains.budget(config.budget(), java.time.Clock.systemUTC()).maxCalls());
    }
}
