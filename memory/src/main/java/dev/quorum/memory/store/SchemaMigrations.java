package dev.quorum.memory.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The numbered schema migrations ({@code db/migration/Vnnn__description.sql} on the classpath) and their runner.
 *
 * <p>Each migration runs in its own transaction together with its row in {@code schema_migrations}
 * (version, description, SHA-256 checksum, applied at), so a failed migration leaves no trace. Pending
 * migrations are applied in ascending version order even when a higher version is already applied: the
 * store's series (V001..) and the recall series (V101..) grow independently. A database is refused when an
 * applied migration's checksum no longer matches its file (someone edited a released migration) or when it
 * carries a version this build does not know (written by a newer Quorum).
 */
public final class SchemaMigrations {

    /** Where migrations live on the classpath. */
    public static final String LOCATION = "db/migration/";

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{3})__([a-z0-9_]+)\\.sql");

    /** One migration file. */
    public record Migration(int version, String description, String sql, String checksum) {
        public Migration {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(checksum, "checksum");
        }

        /** A migration from its file name ({@code V001__initial_schema.sql}) and content. */
        public static Migration of(String fileName, String sql) {
            Matcher m = FILE_NAME.matcher(fileName);
            if (!m.matches()) {
                throw new IllegalArgumentException("migration file name '" + fileName + "' does not match Vnnn__lower_snake_case.sql");
            }
            return new Migration(Integer.parseInt(m.group(1)), m.group(2), sql, sha256(sql));
        }
    }

    private final List<Migration> migrations;

    public SchemaMigrations(List<Migration> migrations) {
        Map<Integer, Migration> byVersion = new TreeMap<>();
        for (Migration migration : migrations) {
            Migration clash = byVersion.put(migration.version(), migration);
            if (clash != null) {
                throw new IllegalStateException("two migrations with version " + migration.version() + ": "
                        + clash.description() + " and " + migration.description());
            }
        }
        this.migrations = List.copyOf(byVersion.values());
    }

    /** The migrations in ascending version order. */
    public List<Migration> migrations() {
        return migrations;
    }

    /**
     * Every {@code db/migration/Vnnn__*.sql} shipped with this build, read from the directory or jar this class
     * was loaded from (target/classes during development, the shaded quorum.jar in production).
     */
    public static List<Migration> discover() {
        Path codeSource;
        try {
            codeSource = Path.of(SchemaMigrations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + SchemaMigrations.class.getName(), e);
        }
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(codeSource)) {
                Path dir = codeSource.resolve(LOCATION);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.map(f -> f.getFileName().toString()).forEach(names::add);
                    }
                }
            } else {
                try (JarFile jar = new JarFile(codeSource.toFile())) {
                    jar.stream().map(JarEntry::getName)
                            .filter(n -> n.startsWith(LOCATION) && n.length() > LOCATION.length() && n.indexOf('/', LOCATION.length()) < 0)
                            .map(n -> n.substring(LOCATION.length()))
                            .forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the schema migrations in " + codeSource + ": " + e.getMessage(), e);
        }
        List<Migration> found = new ArrayList<>();
        for (String name : names) {
            if (!name.endsWith(".sql")) {
                continue;
            }
            try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(LOCATION + name)) {
                if (in == null) {
                    throw new IllegalStateException("migration " + LOCATION + name + " is listed but cannot be read");
                }
                found.add(Migration.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read migration " + LOCATION + name + ": " + e.getMessage(), e);
            }
        }
        found.sort(Comparator.comparingInt(Migration::version));
        return found;
    }

    /**
     * Applies the pending migrations; returns the versions applied now (empty when the schema was current). All on one
     * connection, each migration still committed on its own: with a connection per step, closing it (the last one
     * open) made SQLite checkpoint the WAL into the file and delete it after every step, several syncs each.
     */
    public List<Integer> migrate(QuorumDatabase database) {
        try (QuorumDatabase.Batch batch = database.batch("schema migrations")) {
            return migrate(database, batch);
        }
    }

    private List<Integer> migrate(QuorumDatabase database, QuorumDatabase.Batch batch) {
        database.inTransaction("create schema_migrations", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("""
                        CREATE TABLE IF NOT EXISTS schema_migrations (
                            version     INTEGER PRIMARY KEY,
                            description TEXT    NOT NULL,
                            checksum    TEXT    NOT NULL,
                            applied_at  TEXT    NOT NULL
                        )""");
            }
            return null;
        });
        batch.commit();
        Map<Integer, String> applied = database.read("read schema_migrations", SchemaMigrations::appliedChecksums);
        Map<Integer, Migration> known = new LinkedHashMap<>();
        migrations.forEach(m -> known.put(m.version(), m));
        for (Map.Entry<Integer, String> entry : applied.entrySet()) {
            Migration migration = known.get(entry.getKey());
            if (migration == null) {
                throw new UnusableDatabaseException(database.file(), "schema migration V" + String.format("%03d", entry.getKey())
                        + " is applied but unknown to this build: the database was written by a newer Quorum; upgrade Quorum");
            }
            if (!migration.checksum().equals(entry.getValue())) {
                throw new UnusableDatabaseException(database.file(), "schema migration V" + String.format("%03d", entry.getKey())
                        + "__" + migration.description() + " was changed after it was applied (checksum " + entry.getValue()
                        + " in the database, " + migration.checksum() + " in this build); released migrations must never be edited");
            }
        }
        List<Integer> appliedNow = new ArrayList<>();
        for (Migration migration : migrations) {
            if (applied.containsKey(migration.version())) {
                continue;
            }
            database.inTransaction("schema migration V" + migration.version() + "__" + migration.description(), connection -> {
                // Another process may have applied it since we read the table: the write lock is ours now.
                if (appliedChecksums(connection).containsKey(migration.version())) {
                    return null;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate(migration.sql());
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO schema_migrations (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                    insert.setInt(1, migration.version());
                    insert.setString(2, migration.description());
                    insert.setString(3, migration.checksum());
                    insert.setString(4, Instant.now().toString());
                    insert.executeUpdate();
                }
                appliedNow.add(migration.version());
                return null;
            });
            batch.commit();
        }
        return appliedNow;
    }

    private static Map<Integer, String> appliedChecksums(Connection connection) throws SQLException {
        Map<Integer, String> applied = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version, checksum FROM schema_migrations")) {
            while (rs.next()) {
                applied.put(rs.getInt("version"), rs.getString("checksum"));
            }
        }
        return applied;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
