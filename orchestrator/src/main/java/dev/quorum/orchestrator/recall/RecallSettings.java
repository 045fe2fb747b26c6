package dev.quorum.orchestrator.recall;

import dev.quorum.memory.recall.RecallConfig;
import dev.quorum.memory.recall.RecallScope;
import dev.quorum.orchestrator.config.MemoryConfig;
import dev.quorum.orchestrator.config.QuorumConfig;

/**
 * Maps the {@code memory:} section of the Quorum configuration onto {@link RecallConfig}. The embedded index and
 * the retry queue live under {@code data_dir/recall/}.
 */
public final class RecallSettings {

    private RecallSettings() {
    }

    /** A builder preset from {@code config}, so a caller (the CLI) can still override single settings. */
    public static RecallConfig.Builder from(QuorumConfig config) {
        MemoryConfig memory = config.memory();
        return RecallConfig.builder()
                .store(memory.recallStore() == MemoryConfig.RecallStore.CHROMA
                        ? RecallConfig.StoreKind.CHROMA : RecallConfig.StoreKind.EMBEDDED)
                .chromaUrl(memory.chromaUrl())
                .indexFile(config.dataDirectory().resolve("recall/situations.json"))
                .pendingFile(config.dataDirectory().resolve("recall/pending-index.jsonl"))
                .topK(memory.recallK())
                .scope(memory.recallSameTicker() ? RecallScope.SAME_TICKER : RecallScope.ANY_TICKER);
    }
}
