package dev.quorum.orchestrator.llm;

import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.llm.GenerationOptions;
import dev.quorum.agents.llm.ModelChainConfig;
import dev.quorum.agents.llm.ModelTier;
import dev.quorum.agents.llm.OllamaEndpoint;
import dev.quorum.agents.llm.ResilienceSettings;
import dev.quorum.orchestrator.config.BudgetConfig;
import dev.quorum.orchestrator.config.OllamaConfig;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.config.ResilienceConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Maps the configuration to the model chain and the decision budget. */
public final class ModelChains {

    private ModelChains() {
    }

    /** The chain of {@code ollama.chain}, guarded as {@code resilience} says, with the default sampling options. */
    public static ModelChainConfig from(QuorumConfig config) {
        return new ModelChainConfig(tiers(config.ollama()), settings(config.resilience()), GenerationOptions.DEFAULT);
    }

    /** One tier per chain link, served by the endpoints the link names (all of them when it names none). */
    public static List<ModelTier> tiers(OllamaConfig ollama) {
        return ollama.chain().stream().map(link -> new ModelTier(link.model(), link.servedBy(ollama.endpoints()).stream()
                .map(ollama::endpoint)
                .map(endpoint -> new OllamaEndpoint(endpoint.url(), endpoint.parallel()))
                .toList())).toList();
    }

    public static ResilienceSettings settings(ResilienceConfig resilience) {
        return ResilienceSettings.builder()
                .callTimeout(resilience.callTimeout())
                .maxAttempts(resilience.maxAttempts())
                // resilience4j's backoff needs a positive interval; 0 in the file means "retry at once".
                .initialBackoff(Duration.ofMillis(Math.max(1, resilience.backoffInitialMillis())))
                .backoffMultiplier(resilience.backoffMultiplier())
                .backoffJitter(resilience.backoffJitter())
                .failureRateThreshold(resilience.breakerFailureRatePercent())
                .slidingWindowSize(resilience.breakerWindowCalls())
                .minimumCalls(resilience.breakerMinimumCalls())
                .openDuration(Duration.ofSeconds(resilience.breakerOpenSeconds()))
                .halfOpenCalls(resilience.breakerHalfOpenCalls())
                .invalidRepliesToSkip(resilience.invalidOutputSkipAfter())
                .invalidOutputSkipFor(Duration.ofSeconds(resilience.invalidOutputSkipSeconds()))
                .build();
    }

    /** How many calls the configured endpoints take at once: their {@code parallel}, summed. */
    public static int slots(OllamaConfig ollama) {
        return ollama.endpoints().stream().mapToInt(OllamaConfig.Endpoint::parallel).sum();
    }

    /**
     * How many tickers' panels of {@code agents} agents a pipelined backtest asks at once: twice what fills every
     * endpoint slot, so that as many calls again wait for a slot. A panel's thread takes the next ticker only when its
     * slowest call has answered; with one panel more than the slots (as first built) slots idled meanwhile: the
     * default {@code bench/llm-backtest.sh} measured 1.13 and 1.13 times the ideal with it, 1.08 and 1.10 with twice,
     * same idle machine. The calls waiting give way to the decisions' own and wait about one model latency, far
     * inside the bulkhead's maximum wait.
     */
    public static int panelsAhead(OllamaConfig ollama, int agents) {
        int perPanel = Math.max(1, agents);
        return 2 * ((slots(ollama) + perPanel - 1) / perPanel);
    }

    /** A fresh budget for one decision. */
    public static DecisionBudget budget(BudgetConfig budget, Clock clock) {
        return new DecisionBudget(budget.maxWallTime(), budget.maxLlmCalls(), clock);
    }
}
