package dev.quorum.orchestrator.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.net.URI;

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
            URI uri;
            try {
                uri = URI.create(ConfigCheck.text("chroma_url", chromaUrl));
            } catch (IllegalArgumentException e) {
                throw ConfigCheck.invalid("chroma_url", "is not a valid URL: '" + chromaUrl + "'");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw ConfigCheck.invalid("chroma_url", "must be an http(s) URL with a host, was '" + chromaUrl + "'");
            }
            ConfigCheck.noUserInfo("chroma_url", uri);
        }
    }

    /** The same memory settings with another SQLite file (a command's {@code --db}). */
    public MemoryConfig withSqlitePath(String path) {
        return new MemoryConfig(path, recallStore, chromaUrl, recallK, recallSameTicker);
    }
}
