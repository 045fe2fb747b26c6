package dev.quorum.orchestrator.backtest.replay;

import dev.quorum.agents.llm.ReplyKey;
import dev.quorum.agents.llm.ResponseCache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The LLM reply cache in its own SQLite file (table {@code llm_replies}). One connection, serialised: the agents of
 * a decision call in parallel, and SQLite writes one at a time anyway. A miss is stored before the reply is used,
 * so an interrupted run keeps every reply it paid for.
 */
public final class SqliteResponseCache implements ResponseCache, AutoCloseable {

    private final Path file;
    private final Connection connection;
    private long hits;
    private long misses;
    private long tokensSpent;
    private long tokensSaved;

    private SqliteResponseCache(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating when missing) the cache file. */
    public static SqliteResponseCache open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS llm_replies (
                            model             TEXT    NOT NULL,
                            prompt_hash       TEXT    NOT NULL,
                            input_hash        TEXT    NOT NULL,
                            options_hash      TEXT    NOT NULL,
                            content           TEXT    NOT NULL,
                            prompt_tokens     INTEGER NOT NULL,
                            completion_tokens INTEGER NOT NULL,
                            created_at        TEXT    NOT NULL,
                            PRIMARY KEY (model, prompt_hash, input_hash, options_hash))""");
            }
            return new SqliteResponseCache(file, connection);
        } catch (SQLException e) {
            throw new IllegalStateException("LLM reply cache " + file + " cannot be opened: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("LLM reply cache " + file + ": cannot create its directory", e);
        }
    }

    @Override
    public synchronized Optional<CachedReply> find(ReplyKey key) {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT content, prompt_tokens, completion_tokens FROM llm_replies
                WHERE model = ? AND prompt_hash = ? AND input_hash = ? AND options_hash = ?""")) {
            bind(select, key);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    hits++;
                    CachedReply reply = new CachedReply(rs.getString("content"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"));
                    tokensSaved += reply.promptTokens() + reply.completionTokens();
                    return Optional.of(reply);
                }
                misses++;
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("LLM reply cache " + file + ": lookup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void store(ReplyKey key, CachedReply reply) {
        tokensSpent += reply.promptTokens() + reply.completionTokens();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT OR IGNORE INTO llm_replies (model, prompt_hash, input_hash, options_hash, content, prompt_tokens,
                    completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            bind(insert, key);
            insert.setString(5, reply.content());
            insert.setLong(6, reply.promptTokens());
            insert.setLong(7, reply.completionTokens());
            insert.setString(8, Instant.now().toString());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("LLM reply cache " + file + ": storing a reply failed: " + e.getMessage(), e);
        }
    }

    public synchronized CacheStats stats() {
        return new CacheStats(hits, misses, tokensSpent, tokensSaved);
    }

    private static void bind(PreparedStatement statement, ReplyKey key) throws SQLException {
        statement.setString(1, key.model());
        statement.setString(2, key.promptHash());
        statement.setString(3, key.inputHash());
        statement.setString(4, key.optionsHash());
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("LLM reply cache " + file + ": close failed: " + e.getMessage(), e);
        }
    }
}
