package dev.quorum.memory.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaMigrationsTest {

    private static final Duration BUSY = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void should_ship_the_initial_schema_as_v001() {
        List<SchemaMigrations.Migration> shipped = SchemaMigrations.discover();

        assertFalse(shipped.isEmpty());
        assertEquals(1, shipped.get(0).version());
        assertEquals("initial_schema", shipped.get(0).description());
    }

    @Test
    void should_record_every_migration_with_its_checksum_and_apply_nothing_twice() {
        Path file = dir.resolve("quorum.db");
        QuorumDatabase database = QuorumDatabase.open(file);
        SchemaMigrations shipped = new SchemaMigrations(SchemaMigrations.discover());

        List<Integer> second = shipped.migrate(database);

        assertEquals(List.of(), second);
        List<String> recorded = database.read("read migrations", connection -> {
            List<String> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT version, checksum FROM schema_migrations ORDER BY version")) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + ":" + rs.getString(2));
                }
            }
            return rows;
        });
        assertEquals(shipped.migrations().stream().map(m -> m.version() + ":" + m.checksum()).toList(), recorded);
    }

    @Test
    void should_upgrade_an_older_schema_and_keep_its_data() {
        Path file = dir.resolve("quorum.db");
        SchemaMigrations.Migration v1 = SchemaMigrations.Migration.of("V001__trades.sql",
                "CREATE TABLE trades (id INTEGER PRIMARY KEY, ticker TEXT NOT NULL);");
        QuorumDatabase old = QuorumDatabase.open(file, BUSY, new SchemaMigrations(List.of(v1)));
        old.inTransaction("write old data", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO trades (ticker) VALUES ('NVDA'), ('AAPL')");
            }
            return null;
        });
        SchemaMigrations.Migration v2 = SchemaMigrations.Migration.of("V002__trade_notes.sql", """
                ALTER TABLE trades ADD COLUMN note TEXT NOT NULL DEFAULT '';
                CREATE INDEX trades_by_ticker ON trades (ticker);
                UPDATE trades SET note = 'migrated';""");
        // A recall-series migration numbered above the store's next one: applied in version order all the same.
        SchemaMigrations.Migration v101 = SchemaMigrations.Migration.of("V101__recall_queue.sql",
                "CREATE TABLE recall_queue (id INTEGER PRIMARY KEY);");

        QuorumDatabase upgraded = QuorumDatabase.open(file, BUSY, new SchemaMigrations(List.of(v101, v1, v2)));

        List<String> rows = upgraded.read("read upgraded data", connection -> {
            List<String> out = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT ticker || ':' || note FROM trades ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT group_concat(version) FROM (SELECT version FROM schema_migrations ORDER BY version)")) {
                out.add(rs.getString(1));
            }
            return out;
        });
        assertEquals(List.of("NVDA:migrated", "AAPL:migrated", "1,2,101"), rows);
    }

    @Test
    void should_upgrade_a_database_of_the_first_release_keeping_its_decisions() {
        Path file = dir.resolve("quorum.db");
        List<SchemaMigrations.Migration> shipped = SchemaMigrations.discover();
        QuorumDatabase firstRelease = QuorumDatabase.open(file, BUSY, new SchemaMigrations(shipped.subList(0, 1)));
        firstRelease.inTransaction("write a V001 decision", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("""
                        INSERT INTO decisions (id, correlation_id, ticker, trade_date, verdict, confidence, ensemble_score,
                            envelope_json, prompt_hashes_json, created_at)
                        VALUES (7, 'c-old', 'NVDA', '2023-06-01', 'BUY', 0.7, 0.4, '{}', '{}', '2023-06-01T21:00:00Z')""");
                statement.executeUpdate("""
                        INSERT INTO agent_signals (decision_id, agent, domain, abstained, signal, confidence, summary,
                            key_factors_json, backend, model, endpoint, attempts, fallback_path_json, latency_ms,
                            prompt_tokens, completion_tokens, prompt_id, prompt_hash, input_json)
                        VALUES (7, 'technical', 'trend', 0, 'BULLISH', 0.8, '', '[]', 'rules', '', '', 0, '[]', 0, 0, 0,
                            'technical@1', '', '{}')""");
            }
            return null;
        });

        QuorumDatabase upgraded = QuorumDatabase.open(file);

        DecisionStore store = new DecisionStore(upgraded, "quorum:decisions");
        assertTrue(store.exists("NVDA", java.time.LocalDate.parse("2023-06-01")));
        List<String> signal = upgraded.read("read the old signal", connection -> {
            List<String> out = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT agent || ':' || signal || ':' || ifnull(trust_weight, 'null') FROM agent_signals")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        assertEquals(List.of("technical:BULLISH:null"), signal);
    }

    @Test
    void should_roll_back_a_failing_migration_entirely() {
        Path file = dir.resolve("quorum.db");
        SchemaMigrations.Migration v1 = SchemaMigrations.Migration.of("V001__trades.sql", "CREATE TABLE trades (id INTEGER PRIMARY KEY);");
        QuorumDatabase.open(file, BUSY, new SchemaMigrations(List.of(v1)));
        SchemaMigrations.Migration broken = SchemaMigrations.Migration.of("V002__broken.sql",
                "CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);");

        assertThrows(StoreException.class, () -> QuorumDatabase.open(file, BUSY, new SchemaMigrations(List.of(v1, broken))));

        QuorumDatabase database = QuorumDatabase.open(file, BUSY, new SchemaMigrations(List.of(v1)));
        long leftovers = database.read("look for leftovers", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT (SELECT COUNT(*) FROM sqlite_schema WHERE name = 'half_done') + (SELECT COUNT(*) FROM schema_migrations WHERE version = 2)");
                 ResultSet rs = select.executeQuery()) {
                return rs.getLong(1);
            }
        });
        assertEquals(0, leftovers);
    }

    @Test
    void should_refuse_a_database_whose_applied_migration_was_edited() {
        Path file = dir.resolve("quorum.db");
        QuorumDatabase.open(file, BUSY, new SchemaMigrations(List.of(
                SchemaMigrations.Migration.of("V001__trades.sql", "CREATE TABLE trades (id INTEGER PRIMARY KEY);"))));

        UnusableDatabaseException refused = assertThrows(UnusableDatabaseException.class, () -> QuorumDatabase.open(file, BUSY,
                new SchemaMigrations(List.of(SchemaMigrations.Migration.of("V001__trades.sql", "CREATE TABLE trades (id INTEGER);")))));

        assertTrue(refused.getMessage().contains("V001__trades was changed after it was applied"), refused.getMessage());
    }

    @Test
    void should_refuse_a_database_written_by_a_newer_quorum() {
        Path file = dir.resolve("quorum.db");
        SchemaMigrations.Migration v1 = SchemaMigrations.Migration.of("V001__trades.sql", "CREATE TABLE trades (id INTEGER PRIMARY KEY);");
        QuorumDatabase.open(file, BUSY, new SchemaMigrations(List.of(v1,
                SchemaMigrations.Migration.of("V002__future.sql", "CREATE TABLE future (id INTEGER);"))));

        UnusableDatabaseException refused = assertThrows(UnusableDatabaseException.class,
                () -> QuorumDatabase.open(file, BUSY, new SchemaMigrations(List.of(v1))));

        assertTrue(refused.getMessage().contains("V002 is applied but unknown to this build"), refused.getMessage());
    }

    @Test
    void should_refuse_a_badly_named_migration_file() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SchemaMigrations.Migration.of("V1_trades.sql", "SELECT 1;"));

        assertTrue(refused.getMessage().contains("V1_trades.sql"), refused.getMessage());
    }
    @Test
    void should_compute_profit_factor_for_the_agents_of_a_database_from_before_v009() {
        Path file = dir.resolve("quorum.db");
        List<SchemaMigrations.Migration> before = SchemaMigrations.discover().stream().filter(m -> m.version() < 9).toList();
        QuorumDatabase older = QuorumDatabase.open(file, BUSY, new SchemaMigrations(before));
        older.inTransaction("write two scored outcomes", connection -> {
            try (Statement statement = connection.createStatement()) {
                for (int id = 1; id <= 3; id++) {
                    statement.executeUpdate("INSERT INTO decisions (id, correlation_id, ticker, trade_date, verdict, confidence,"
                            + " ensemble_score, envelope_json, prompt_hashes_json, created_at) VALUES (" + id + ", 'c-" + id
                            + "', 'NVDA', '2024-06-0" + id + "', 'BUY', 0.7, 0.4, '{}', '{}', '2024-06-01T21:00:00Z')");
                    statement.executeUpdate("INSERT INTO outcomes (id, decision_id, source, entry_price, exit_price,"
                            + " horizon_sessions, realized_return, neutral_band, resolved_at) VALUES (" + id + ", " + id
                            + ", 'market', 100, 101, 5, 0.01, 0.005, '2024-06-10T21:00:00Z')");
                }
                // technical: +0.06, -0.02, +0.03 -> gross profit 0.09, gross loss 0.02, profit factor 4.5;
                // risk: +0.04 only -> no loss yet, no profit factor
                statement.executeUpdate("""
                        INSERT INTO outcome_agent_calls (outcome_id, agent, signal, confidence, correct, profit_contribution,
                            agreed_with_verdict) VALUES (1, 'technical', 'BULLISH', 0.8, 1, 0.06, 1),
                            (2, 'technical', 'BULLISH', 0.8, 0, -0.02, 1), (3, 'technical', 'BULLISH', 0.8, 1, 0.03, 1),
                            (1, 'risk', 'BEARISH', 0.6, 1, 0.04, 0)""");
                statement.executeUpdate("""
                        INSERT INTO agent_performance (agent, total_decisions, correct_decisions, updated_at)
                        VALUES ('technical', 3, 2, '2024-06-10T21:00:00Z'), ('risk', 1, 1, '2024-06-10T21:00:00Z')""");
            }
            return null;
        });

        QuorumDatabase upgraded = QuorumDatabase.open(file);

        List<String> rows = upgraded.read("read profit factors", connection -> {
            List<String> out = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT agent, round(gross_profit, 12), round(gross_loss, 12),"
                         + " round(profit_factor, 12) FROM agent_performance ORDER BY agent")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + ":" + rs.getDouble(2) + ":" + rs.getDouble(3) + ":" + rs.getString(4));
                }
            }
            return out;
        });
        assertEquals(List.of("risk:0.04:0.0:null", "technical:0.09:0.02:4.5"), rows);
    }

    @Test
    void should_read_the_outbox_envelopes_of_a_database_from_before_v016_from_their_decisions() {
        Path file = dir.resolve("quorum.db");
        QuorumDatabase older = QuorumDatabase.open(file, BUSY, new SchemaMigrations(beforeV016()));
        older.inTransaction("write a published and a waiting envelope", connection -> {
            try (Statement statement = connection.createStatement()) {
                decisionWithOutboxCopy(statement, 1, "{\"n\": 1}", "{\"n\": 1}", "1717000000000-0");
                decisionWithOutboxCopy(statement, 2, "{\"n\": 2}", "{\"n\": 2}", null);
                // Removed by hand: AUTOINCREMENT never hands out its id again, across the rebuild too.
                decisionWithOutboxCopy(statement, 3, "{\"n\": 3}", "{\"n\": 3}", null);
                statement.executeUpdate("DELETE FROM outbox WHERE correlation_id = 'c-3'");
            }
            return null;
        });

        QuorumDatabase upgraded = QuorumDatabase.open(file);

        Outbox outbox = new Outbox(upgraded);
        List<OutboxEntry> waiting = outbox.pending(10);
        assertEquals(List.of("c-2"), waiting.stream().map(OutboxEntry::correlationId).toList());
        assertEquals("{\"n\": 2}", waiting.get(0).envelopeJson());
        assertEquals("1717000000000-0", upgraded.read("the published row", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT stream_id FROM outbox WHERE correlation_id = 'c-1'")) {
                return rs.getString(1);
            }
        }));
        SavedDecision next = new DecisionStore(upgraded, "quorum:decisions").save(TestDecisions.decision("c-4", "AAPL",
                java.time.LocalDate.parse("2024-06-04")));
        assertEquals(4, next.outboxId());
    }

    /** A copy that is not its decision's envelope (never written so; edited by hand) would be lost: refused, kept. */
    @Test
    void should_refuse_to_drop_an_outbox_copy_that_differs_from_its_decisions_envelope_and_keep_it() {
        Path file = dir.resolve("quorum.db");
        QuorumDatabase.open(file, BUSY, new SchemaMigrations(beforeV016())).inTransaction("write a differing copy", connection -> {
            try (Statement statement = connection.createStatement()) {
                decisionWithOutboxCopy(statement, 1, "{\"n\": 1}", "{\"n\": 1}", null);
                decisionWithOutboxCopy(statement, 2, "{\"n\": 2}", "{\"edited\": true}", null);
            }
            return null;
        });

        StoreException refused = assertThrows(StoreException.class, () -> QuorumDatabase.open(file));

        assertTrue(refused.getMessage().contains("every_outbox_envelope_is_its_decisions_envelope"), refused.getMessage());
        QuorumDatabase kept = QuorumDatabase.open(file, BUSY, new SchemaMigrations(beforeV016()));
        assertEquals("{\"edited\": true}", kept.read("the copy", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT envelope_json FROM outbox WHERE correlation_id = 'c-2'")) {
                return rs.getString(1);
            }
        }));
    }

    private static List<SchemaMigrations.Migration> beforeV016() {
        return SchemaMigrations.discover().stream().filter(m -> m.version() != 16).toList();
    }

    private static void decisionWithOutboxCopy(Statement statement, int id, String envelope, String copy, String streamId)
            throws java.sql.SQLException {
        statement.executeUpdate("INSERT INTO decisions (id, correlation_id, ticker, trade_date, verdict, confidence,"
                + " ensemble_score, envelope_json, prompt_hashes_json, created_at) VALUES (" + id + ", 'c-" + id
                + "', 'NVDA', '2024-06-0" + id + "', 'BUY', 0.7, 0.4, '" + envelope + "', '{}', '2024-06-01T21:00:00Z')");
        statement.executeUpdate("INSERT INTO outbox (correlation_id, stream, envelope_json, created_at, published_at, stream_id)"
                + " VALUES ('c-" + id + "', 'quorum:decisions', '" + copy + "', '2024-06-01T21:00:00Z', "
                + (streamId == null ? "NULL, NULL" : "'2024-06-01T21:00:01Z', '" + streamId + "'") + ")");
    }
}
