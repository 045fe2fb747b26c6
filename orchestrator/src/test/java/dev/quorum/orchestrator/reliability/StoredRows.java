package dev.quorum.orchestrator.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every row of every table of a Quorum SQLite file, as text, read through a separate read-only connection: what a
 * test compares before and after hostile input (nothing may change) or greps for planted secrets.
 */
public final class StoredRows {

    private StoredRows() {
    }

    /** Table name to its rows (each row its columns joined by '|'), tables sorted, rows in rowid order. */
    public static Map<String, List<String>> of(Path sqliteFile) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + sqliteFile + "?mode=ro");
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            Map<String, List<String>> rows = new TreeMap<>();
            for (String table : tables) {
                List<String> lines = new ArrayList<>();
                try (ResultSet r = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            line.append(i > 1 ? "|" : "").append(r.getString(i));
                        }
                        lines.add(line.toString());
                    }
                }
                rows.put(table, lines);
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError("cannot read " + sqliteFile + ": " + e.getMessage(), e);
        }
    }

    /** The first column of each row {@code sql} returns, as text. */
    public static List<String> column(Path sqliteFile, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + sqliteFile + "?mode=ro");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new AssertionError("cannot query " + sqliteFile + ": " + e.getMessage(), e);
        }
    }

    /** How many rows {@code table} holds. */
    public static int count(Path sqliteFile, String table) {
        return of(sqliteFile).getOrDefault(table, List.of()).size();
    }
}
