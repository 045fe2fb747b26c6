package dev.quorum.orchestrator.cli;

import dev.quorum.agents.Agent;
import dev.quorum.agents.llm.LlmAgent;
import dev.quorum.agents.llm.ModelChainClient;
import dev.quorum.agents.llm.ModelChainConfig;
import dev.quorum.agents.llm.ModelTarget;
import dev.quorum.agents.llm.ModelTier;
import dev.quorum.agents.llm.OllamaEndpoint;
import dev.quorum.agents.llm.OllamaProbe;
import dev.quorum.agents.prompts.PromptRepository;
import dev.quorum.orchestrator.config.Installation;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.llm.ModelChains;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The options of {@code bin/quorum agents --backend ollama} (a picocli mixin), and the LLM panel they open.
 * The chain, resilience and budget come from the configuration (built-in defaults, or {@code --config});
 * {@code --endpoint} and {@code --model} replace the configured chain for a quick try against another server.
 */
public final class OllamaOptions {

    /** What answers for an agent whose every model failed. */
    public enum Fallback { none, rules }

    /** Its ollama, resilience and budget sections are used; without a file, the built-in defaults (local Ollama). */
    @Mixin
    ConfigOption config = new ConfigOption();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--endpoint", paramLabel = "URL", split = ",",
            description = "Ollama base URL(s), e.g. http://127.0.0.1:11434; every model runs on each, the least busy first. "
                    + "Replaces the configured endpoints.")
    List<String> endpoints;

    @Option(names = "--model", paramLabel = "NAME", split = ",",
            description = "The model chain in order of preference, e.g. qwen2.5:7b,llama3.1:8b. Replaces the configured chain.")
    List<String> models;

    @Option(names = "--parallel", paramLabel = "N",
            description = "OLLAMA_NUM_PARALLEL of the --endpoint servers (the bulkhead size). Default: the first configured endpoint's.")
    Integer parallel;

    @Option(names = "--fallback", defaultValue = "none",
            description = "none (an agent whose every model failed abstains) or rules (the rules agent answers, marked rules-fallback). Default: ${DEFAULT-VALUE}.")
    Fallback fallback;

    @Option(names = "--prompts", paramLabel = "DIR", defaultValue = "prompts",
            description = "Directory of the prompt files. Default: ${DEFAULT-VALUE} (a relative directory missing here is the installation's).")
    Path prompts;

    /** Why the ollama backend cannot run at all (no endpoint up, no model pulled); the message is for the operator. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * Checks the endpoints and opens the LLM twins of {@code rulesAgents} on the part of the chain the probe found
     * in place: an endpoint that is down, or a model not pulled on its endpoint, is not asked. Those problems are
     * the panel's {@linkplain OllamaPanel#warnings() warnings}.
     *
     * @throws Unavailable when no endpoint answers or no model of the chain is pulled
     * @throws ParameterException when {@code --endpoint}, {@code --model} or {@code --prompts} cannot be used
     * @throws dev.quorum.orchestrator.config.ConfigException when the configuration cannot be used
     */
    public OllamaPanel open(List<Agent> rulesAgents) throws Unavailable {
        QuorumConfig quorum;
        ModelChainConfig chain;
        try {
            quorum = config.load();
            ModelChainConfig configured = ModelChains.from(quorum);
            chain = new ModelChainConfig(chain(configured), configured.resilience(), configured.generation());
        } catch (IllegalArgumentException e) {
            // Bad --endpoint URL, a model chain listing a target twice: bad usage, one line and exit 2 (OperatorErrors),
            // as a ConfigException, which goes on to it as it is.
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
        Path prompts = Installation.resolve(this.prompts);
        if (!Files.isDirectory(prompts)) {
            throw new ParameterException(command.commandLine(), "Invalid value for option '--prompts': "
                    + prompts.toAbsolutePath() + " is not a directory");
        }
        OllamaProbe probe = new OllamaProbe(Duration.ofSeconds(3));
        List<OllamaProbe.EndpointStatus> statuses = chain.endpoints().stream().map(probe::probe).toList();
        List<String> problems = OllamaProbe.problems(chain.targets(), statuses);
        Optional<String> unusable = OllamaProbe.unusable(chain.targets(), statuses, OllamaProbe.ANOTHER_ENDPOINT_OPTION);
        if (unusable.isPresent()) {
            throw new Unavailable(unusable.get());
        }
        List<ModelTier> inPlace = new ArrayList<>();
        for (ModelTier tier : chain.chain()) {
            List<OllamaEndpoint> serving = tier.endpoints().stream()
                    .filter(endpoint -> OllamaProbe.serves(statuses, new ModelTarget(endpoint, tier.model()))).toList();
            if (!serving.isEmpty()) {
                inPlace.add(new ModelTier(tier.model(), serving));
            }
        }
        chain = new ModelChainConfig(inPlace, chain.resilience(), chain.generation());
        ModelChainClient client = new ModelChainClient(chain);
        PromptRepository repository = new PromptRepository(prompts);
        List<Agent> agents = rulesAgents.stream()
                .map(rules -> (Agent) LlmAgent.twinOf(rules, repository, client, fallback == Fallback.rules))
                .toList();
        // Every agent of this panel is on the LLM: the pass is over the chain actually asked (--endpoint, --model).
        return new OllamaPanel(agents, client, ModelChains.budget(
                quorum.budget().orOnePass(agents.size(), chain.targets().size()), Clock.systemUTC()), problems);
    }

    private List<ModelTier> chain(ModelChainConfig configured) {
        if (endpoints == null && models == null) {
            return configured.chain();
        }
        int size = parallel != null ? parallel : configured.endpoints().get(0).numParallel();
        List<OllamaEndpoint> chosenEndpoints = endpoints != null
                ? endpoints.stream().map(url -> new OllamaEndpoint(url, size)).toList()
                : configured.endpoints();
        List<String> chosenModels = models != null
                ? models
                : List.copyOf(new LinkedHashSet<>(configured.chain().stream().map(ModelTier::model).toList()));
        return ModelChainConfig.chainOf(chosenEndpoints, chosenModels);
    }
}
