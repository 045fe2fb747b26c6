package dev.quorum.orchestrator.runtime;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.quorum.memory.metalearner.AgentRoster;
import dev.quorum.memory.metalearner.MetaLearner;
import dev.quorum.memory.metalearner.MetaLearnerConfig;
import dev.quorum.memory.recall.EmbeddingSettings;
import dev.quorum.memory.recall.OnnxRuntimeLibraries;
import dev.quorum.memory.recall.RecallConfig;
import dev.quorum.memory.recall.ResilientSituationMemory;
import dev.quorum.memory.recall.SituationMemories;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.trust.TrustLedger;
import dev.quorum.memory.trust.TrustPolicies;
import dev.quorum.memory.trust.TrustSettings;
import dev.quorum.memory.trust.WeightsMirror;
import dev.quorum.orchestrator.config.AgentConfig;
import dev.quorum.orchestrator.config.MemoryConfig;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.config.SeedApiConfig;
import dev.quorum.orchestrator.cycle.CycleParts;
import dev.quorum.orchestrator.health.HttpEndpointCheck;
import dev.quorum.orchestrator.health.ReadinessCheck;
import dev.quorum.orchestrator.recall.RecallSettings;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a process remembers: the decisions in its SQLite file, the trust weights, the meta-learner, and the similar
 * situations recalled (when {@code memory.recall_k} is above 0) from the configured recall store.
 */
record MemoryParts(QuorumDatabase database, DecisionStore store, TrustLedger trust, MetaLearner metaLearner,
                   Optional<ResilientSituationMemory> recall, RecallConfig recallConfig) {

    /**
     * Starts loading the embedding model recall needs (none when {@code memory.recall_k} is 0) beside the assembly:
     * the in-process MiniLM model takes about a second of a start.
     */
    static Supplier<Optional<EmbeddingModel>> loadEmbeddingModel(QuorumConfig config, BesideAssembly beside) {
        if (config.memory().recallK() == 0) {
            return Optional::empty;
        }
        EmbeddingSettings embedding = RecallSettings.from(config).build().embedding();
        return beside.load(() -> {
            if (embedding.provider() == EmbeddingSettings.Provider.MINILM) {
                OnnxRuntimeLibraries.keepIn(config.dataDirectory().resolve("native"));
            }
            return Optional.of(embedding.createModel());
        });
    }

    /**
     * @param mirror         where each trust-weight update is copied (Redis for the roles that learn; none for a worker)
     * @param embeddingModel from {@link #loadEmbeddingModel}: waited for here, after the store, trust and meta-learner
     */
    static MemoryParts open(QuorumConfig config, QuorumDatabase database, WeightsMirror mirror, Resources resources,
                            Supplier<Optional<EmbeddingModel>> embeddingModel) {
        DecisionStore store = new DecisionStore(database, config.redis().stream());
        TrustLedger trust = new TrustLedger(database, trustSettings(config), mirror, Clock.systemUTC());
        MetaLearner metaLearner = MetaLearner.open(database, roster(config), MetaLearnerConfig.defaults());
        RecallConfig recallConfig = RecallSettings.from(config).build();
        Optional<ResilientSituationMemory> recall = embeddingModel.get()
                .map(model -> resources.own(SituationMemories.open(recallConfig, model)));
        return new MemoryParts(database, store, trust, metaLearner, recall, recallConfig);
    }

    /** What the cycle recalls: {@code memory.recall_k} similar situations within the configured scope. */
    CycleParts.Recall cycleRecall(QuorumConfig config) {
        return new CycleParts.Recall(recall.map(memory -> memory), config.memory().recallK(), recallConfig.scope());
    }

    /** The readiness check of the Chroma server, when recall uses it. */
    Optional<ReadinessCheck> recallCheck(QuorumConfig config) {
        return recall.isPresent() && config.memory().recallStore() == MemoryConfig.RecallStore.CHROMA
                ? Optional.of(HttpEndpointCheck.chroma(config.memory().chromaUrl())) : Optional.empty();
    }

    /** The agents of the panel, in the configured order. */
    static List<String> agentNames(QuorumConfig config) {
        return config.agents().stream().map(AgentConfig::name).toList();
    }

    /** The meta-learner's input layout for the panel ({@code seed_api.metalearner_layout}). */
    static AgentRoster roster(QuorumConfig config) {
        List<String> agents = agentNames(config);
        return config.seedApi().metalearnerLayout() == SeedApiConfig.MetalearnerLayout.SEED_27
                ? AgentRoster.seedLayout(agents) : new AgentRoster(agents);
    }

    private static TrustSettings trustSettings(QuorumConfig config) {
        return new TrustSettings(TrustPolicies.byName(config.trust().policy().configName()), config.trust().snapshotEvery(),
                0, TrustSettings.Updates.valueOf(config.trust().updates().name()));
    }
}
