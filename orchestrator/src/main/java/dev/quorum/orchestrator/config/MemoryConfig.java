package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where Quorum remembers.
 *
 * @param sqlitePath     the system-of-record database file; relative paths are under {@code data_dir}
 * @param recallStore    {@code embedded}: the in-process vector store persisted to a file under {@code data_dir};
 *                       {@code chroma}: a Chroma server at {@code chroma_url}
 * @param chromaUrl      the Chroma server, used when recall_store is chroma
 * @param recallK        how many similar past situations agents see
 * @param recallSameTicker whether recall only looks at past situations of the same ticker
 */
public record MemoryConfig(String sqlitePath, RecallStore recallStore, String chromaUrl, Integer recallK,
                           Boolean recallSameTicker) {

    /** Which vector store holds past situations. */
    public enum RecallStore {
        @JsonProperty("embedded") EMBEDDED,
        @JsonProperty("chroma") CHROMA
    }

    public MemoryConfig {
        ConfigCheck.text("sqlite_path", sqlitePath);
        ConfigCheck.present("recall_store", recallStore);
        ConfigCheck.between("recall_k", recallK, 0, 50);
        ConfigCheck.present("recall_same_ticker", recallSameTicker);
        if (recallStore == RecallStore.CHROMA) {
            ConfigCheck.httpUrl("chroma_url", chromaUrl);
        }
    }

    /** The same memory settings with another SQLite file (a command's {@code --db}). */
    public MemoryConfig withSqlitePath(String path) {
        return new MemoryConfig(path, recallStore, chromaUrl, recallK, recallSameTicker);
    }
}
