package dev.quorum.memory.store;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Quorum's one SQLite database file. Opening it checks that the file is Quorum's and healthy, then applies
 * the pending schema migrations. Every operation gets its own connection (WAL mode lets readers and one writer
 * work at once; the busy timeout makes a second writer wait instead of failing). While the database is
 * {@linkplain #holdOpen held open} (a running service, an outbox drain) a connection an operation is done with is
 * kept for the next one instead of closed.
 *
 * <p>A {@linkplain #batch batch} (backtests) puts many operations on one connection and one transaction: each
 * {@link #inTransaction} becomes a savepoint inside it, so it still commits or rolls back whole, but the file is
 * synced once per batch instead of once per operation.
 *
 * <p>Foreign, corrupt and unwritable files are refused before anything is written to them, and nothing in this
 * class ever deletes a file.
 */
public final class QuorumDatabase {

    /** {@code PRAGMA application_id} of a Quorum database: "QRM1". Marks the file as ours. */
    public static final int APPLICATION_ID = 0x51524D31;

    /** The default location, relative to the working directory, when the configuration names none. */
    public static final Path DEFAULT_FILE = Path.of("var", "quorum.db");

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The connections kept per synchronous mode while the database is held open: a cycle's threads rarely need more. */
    static final int IDLE_MAX = 4;

    /** The page cache of a batch's connection, KiB. */
    private static final int BATCH_CACHE_KIB = 64 * 1024;

    private final Path file;
    private final Duration busyTimeout;
    // Held by whoever uses the open batch's connection: one operation at a time, re-entrant for nested ones.
    private final ReentrantLock batchLock = new ReentrantLock();
    private volatile Batch batch;
    // Guarded by itself: the connections kept between operations while held open, by synchronous mode, and the holders.
    private final Map<SQLiteConfig.SynchronousMode, Deque<Connection>> idle = new EnumMap<>(SQLiteConfig.SynchronousMode.class);
    private int holders;

    private QuorumDatabase(Path file, Duration busyTimeout) {
        this.file = file;
        this.busyTimeout = busyTimeout;
    }

    /** Opens (creating when absent) the database with a 5 s busy timeout and migrates it to the latest schema. */
    public static QuorumDatabase open(Path file) {
        return open(file, Duration.ofSeconds(5));
    }

    /**
     * Opens (creating when absent) the database and migrates it to the latest schema.
     *
     * @throws UnusableDatabaseException when the file is not an SQLite database, is corrupt, belongs to another
     *                                   application, or carries migrations this build does not know
     */
    public static QuorumDatabase open(Path file, Duration busyTimeout) {
        return open(file, busyTimeout, new SchemaMigrations(SchemaMigrations.discover()));
    }

    /**
     * Refuses, reading only, what {@link #open} would refuse first without a connection: a path that names something
     * other than an SQLite file (a directory, README.md) or a file or directory this process cannot write. For a
     * caller that writes beside the database before opening it (the one-writer lock file), so a mistyped path leaves
     * nothing behind. An absent or empty file passes: open creates it.
     *
     * @throws UnusableDatabaseException naming the file and the problem
     */
    public static void refuseUnopenable(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!isNewFile(absolute)) {
            checkHeader(absolute);
        }
        checkWritable(absolute);
    }

    /** As {@link #open(Path, Duration)} with an explicit migration set (tests upgrade from older schemas with it). */
    static QuorumDatabase open(Path file, Duration busyTimeout, SchemaMigrations migrations) {
        Objects.requireNonNull(file, "file");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busy timeout must be between 0 and " + Integer.MAX_VALUE + " ms, was " + busyTimeout);
        }
        Path absolute = file.toAbsolutePath().normalize();
        if (!isNewFile(absolute)) {
            checkExisting(absolute);
        }
        checkWritable(absolute);
        QuorumDatabase database = new QuorumDatabase(absolute, busyTimeout);
        database.initialise();
        migrations.migrate(database);
        return database;
    }

    public Path file() {
        return file;
    }

    /** Work done on one connection; the connection must not escape it. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one write transaction (BEGIN IMMEDIATE): everything or nothing is committed.
     * An exception thrown by {@code work} rolls the transaction back and is rethrown ({@link SQLException}s
     * wrapped in a {@link StoreException} naming {@code operation}).
     */
    public <T> T inTransaction(String operation, SqlWork<T> work) {
        return transaction(operation, SQLiteConfig.SynchronousMode.FULL, work);
    }

    /**
     * As {@link #inTransaction}, but the commit does not wait for the disk ({@code synchronous=NORMAL} in WAL mode: no
     * fsync). A process crash loses nothing, the commit is in the WAL; a power cut or OS crash may lose it, with the
     * commits after it, back to the last synced commit or checkpoint (WAL recovery keeps the commits up to the first
     * missing frame: a prefix, in order; the file is never corrupted). Every {@link #inTransaction} syncs the commits
     * before its own. Only for writes whose loss is harmless because they are redone: the outbox's published marks
     * (a lost mark publishes its envelope again, same correlation id: at least once).
     */
    public <T> T inTransactionWithoutSync(String operation, SqlWork<T> work) {
        return transaction(operation, SQLiteConfig.SynchronousMode.NORMAL, work);
    }

    private <T> T transaction(String operation, SQLiteConfig.SynchronousMode synchronous, SqlWork<T> work) {
        Batch open = batch;
        if (open != null) {
            return open.savepoint(operation, work);
        }
        try {
            return onConnection(synchronous, connection -> {
                connection.setAutoCommit(false);
                T result;
                try {
                    result = work.run(connection);
                    connection.commit();
                } catch (SQLException | RuntimeException | Error e) {
                    rollBack(connection, e);
                    throw e;
                }
                // Kept for the next operation, which may be a read: none of its statements may open a transaction.
                connection.setAutoCommit(true);
                return result;
            });
        } catch (SQLException e) {
            throw new StoreException(operation, file, e);
        }
    }

    /**
     * Rolls back after {@code failure} without hiding it: on some errors (SQLITE_FULL, SQLITE_IOERR) SQLite has already
     * rolled the transaction back itself, and the failed ROLLBACK ("no transaction is active") would otherwise replace
     * the error that says what happened.
     */
    private static void rollBack(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
        }
    }

    /** Runs read-only {@code work} on its own connection (a consistent snapshot thanks to WAL). */
    public <T> T read(String operation, SqlWork<T> work) {
        Batch open = batch;
        if (open != null) {
            return open.read(operation, work);
        }
        try {
            return onConnection(SQLiteConfig.SynchronousMode.FULL, work);
        } catch (SQLException e) {
            throw new StoreException(operation, file, e);
        }
    }

    /**
     * Runs {@code work} on a connection kept from an earlier operation, else a new one; afterwards the connection is
     * kept for the next operation when {@code work} succeeded and the database is held open, and closed otherwise.
     */
    private <T> T onConnection(SQLiteConfig.SynchronousMode synchronous, SqlWork<T> work) throws SQLException {
        Connection connection = take(synchronous);
        boolean reusable = false;
        try {
            T result = work.run(connection);
            reusable = true;
            return result;
        } finally {
            release(synchronous, connection, reusable);
        }
    }

    /** A connection kept from an earlier operation, else a new one. */
    private Connection take(SQLiteConfig.SynchronousMode synchronous) throws SQLException {
        synchronized (idle) {
            Connection kept = idle.computeIfAbsent(synchronous, mode -> new ArrayDeque<>()).pollFirst();
            if (kept != null) {
                return kept;
            }
        }
        return connect(synchronous);
    }

    /**
     * Keeps {@code connection} for the next operation while the database is held open and it is fit for one (its
     * operation succeeded, so no transaction is left open on it); otherwise closes it.
     */
    private void release(SQLiteConfig.SynchronousMode synchronous, Connection connection, boolean reusable) throws SQLException {
        if (reusable) {
            synchronized (idle) {
                Deque<Connection> kept = idle.computeIfAbsent(synchronous, mode -> new ArrayDeque<>());
                if (holders > 0 && kept.size() < IDLE_MAX) {
                    kept.offerFirst(connection);
                    return;
                }
            }
        }
        connection.close();
    }

    /** What {@link #holdOpen} returns; closing the last one still open closes the connections kept. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Keeps connections open until closed, and each operation in between takes one an earlier operation left instead
     * of opening its own. Two costs go: at every close of the database's last connection SQLite checkpoints the WAL
     * into the database file and deletes it, which for a run of small transactions (the outbox drain's reads and
     * marks) costs about as much as the transactions themselves; and a new connection parses the schema at its first
     * statement (a sixth of a decision cycle's CPU, async-profiler). At most {@link #IDLE_MAX} are kept per synchronous
     * mode, holding no transaction and no lock; one an operation failed on is closed. When the last holder closes,
     * so are they. Inside a {@linkplain #batch batch} nothing is opened: every operation runs on the batch's connection
     * already.
     */
    public Held holdOpen(String operation) {
        if (batch != null) {
            return () -> { };
        }
        try {
            Connection first = connect();
            synchronized (idle) {
                holders++;
            }
            release(SQLiteConfig.SynchronousMode.FULL, first, true);
            AtomicBoolean closed = new AtomicBoolean();
            return () -> {
                if (closed.getAndSet(true)) {
                    return;
                }
                List<Connection> closing = new ArrayList<>();
                synchronized (idle) {
                    if (--holders == 0) {
                        idle.values().forEach(closing::addAll);
                        idle.clear();
                    }
                }
                SQLException failed = null;
                for (Connection connection : closing) {
                    try {
                        connection.close();
                    } catch (SQLException e) {
                        failed = failed == null ? e : failed;
                    }
                }
                if (failed != null) {
                    throw new StoreException(operation + ": close", file, failed);
                }
            };
        } catch (SQLException e) {
            throw new StoreException(operation, file, e);
        }
    }

    /**
     * What {@code owner} keeps in memory of its rows while a batch is open, for work running on the batch's
     * {@code connection}: loaded by {@code load} on first use, forgotten when an operation of the batch fails (its
     * savepoint rolled back the rows, maybe not what was kept) and when the batch closes. Empty outside a batch, where
     * other processes may write the file and only the file is the truth. For rows only {@code owner} writes, and only
     * through {@code connection}: a batch is one writer that owns the file.
     */
    public <T> Optional<T> kept(Connection connection, Object owner, SqlWork<T> load) throws SQLException {
        Batch open = batch;
        if (open == null || connection != open.view) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        T state = (T) open.kept.get(owner);
        if (state == null) {
            state = load.run(connection);
            open.kept.put(owner, state);
        }
        return Optional.of(state);
    }

    /**
     * Opens a batch: until it is closed, every operation of this process on the database (any thread, one at a time)
     * runs on the batch's connection inside its transaction, reads seeing the batch's own writes, exactly as they would
     * see them committed. Each {@link #inTransaction} is a savepoint, so a failed operation still leaves nothing behind;
     * nothing reaches the file until {@link Batch#commit()}. For one writer that owns the file (a backtest): a crash
     * loses the work since the last commit, which a resumable caller does again.
     *
     * @throws IllegalStateException when a batch is already open
     */
    public Batch batch(String operation) {
        batchLock.lock();
        try {
            if (batch != null) {
                throw new IllegalStateException("a batch is already open on " + file + " (" + batch.operation + ")");
            }
            Connection connection = connect();
            try {
                connection.setAutoCommit(false);
                batch = new Batch(operation, connection);
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return batch;
        } catch (SQLException e) {
            throw new StoreException(operation, file, e);
        } finally {
            batchLock.unlock();
        }
    }

    /**
     * Operations on one connection and one transaction, committed by {@link #commit()}; see {@link #batch}. The
     * operations see the connection through a view that keeps their prepared statements: the same SQL is compiled
     * once per batch, not once per use (compiling was a quarter of a batched backtest's time). A statement still open
     * when its SQL is prepared again (a nested use) is not shared: the second use gets a statement of its own.
     */
    public final class Batch implements AutoCloseable {

        private final String operation;
        private final Connection connection;
        private final Connection view;
        // By SQL and generated-keys flag; a statement is lent to one user at a time (from prepare to close).
        private final Map<String, PreparedStatement> statements = new HashMap<>();
        private final Set<PreparedStatement> lent = new HashSet<>();
        // Each operation's savepoint: compiled once, not three times per operation.
        private final PreparedStatement savepoint;
        private final PreparedStatement release;
        private final PreparedStatement rollbackTo;
        // See QuorumDatabase#kept: by owner, guarded by batchLock.
        private final Map<Object, Object> kept = new HashMap<>();

        private Batch(String operation, Connection connection) throws SQLException {
            this.operation = operation;
            this.connection = connection;
            try (Statement pragma = connection.createStatement()) {
                // A batch's transaction holds a commit's worth of new rows (a backtest's 20 sessions: about 10 MB) and
                // reads its recent rows back; SQLite's default 2 MB page cache spilled them to the journal mid-transaction
                // and read them again. The batch's connection is long-lived: its cache serves every operation.
                pragma.execute("PRAGMA cache_size = -" + BATCH_CACHE_KIB);
            }
            this.savepoint = connection.prepareStatement("SAVEPOINT operation");
            this.release = connection.prepareStatement("RELEASE operation");
            this.rollbackTo = connection.prepareStatement("ROLLBACK TO operation");
            this.view = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement") && args.length <= 2 && args[0] instanceof String sql
                                && (args.length == 1 || args[1] instanceof Integer)) {
                            return args.length == 1 ? lend(sql, () -> connection.prepareStatement(sql))
                                    : lend(sql + "\0" + args[1], () -> connection.prepareStatement(sql, (Integer) args[1]));
                        }
                        return invoke(connection, method, args);
                    });
        }

        @FunctionalInterface
        private interface Prepare {
            PreparedStatement prepare() throws SQLException;
        }

        private PreparedStatement lend(String key, Prepare prepare) throws SQLException {
            PreparedStatement statement = statements.get(key);
            if (statement == null || lent.contains(statement)) {
                statement = prepare.prepare();
                statements.putIfAbsent(key, statement);
            } else {
                statement.clearParameters();
            }
            lent.add(statement);
            PreparedStatement kept = statement;
            boolean cached = statements.get(key) == kept;
            return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(), new Class<?>[]{PreparedStatement.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close") && method.getParameterCount() == 0) {
                            lent.remove(kept);
                            if (!cached) {
                                kept.close();
                            }
                            return null;
                        }
                        return invoke(kept, method, args);
                    });
        }

        /** Makes everything done since the last commit durable (one sync of the file), and goes on batching. */
        public void commit() {
            batchLock.lock();
            try {
                connection.commit();
            } catch (SQLException e) {
                // SQLite may have rolled the transaction back: what was kept in memory may be ahead of the rows.
                kept.clear();
                throw new StoreException(operation + ": commit", file, e);
            } finally {
                batchLock.unlock();
            }
        }

        /** Rolls back what was not committed and ends the batch: operations get their own connections again. */
        @Override
        public void close() {
            batchLock.lock();
            try {
                batch = null;
                try (connection) {
                    kept.clear();
                    for (PreparedStatement statement : statements.values()) {
                        statement.close();
                    }
                    for (PreparedStatement statement : List.of(savepoint, release, rollbackTo)) {
                        statement.close();
                    }
                    connection.rollback();
                }
            } catch (SQLException e) {
                throw new StoreException(operation + ": close", file, e);
            } finally {
                batchLock.unlock();
            }
        }

        private <T> T read(String what, SqlWork<T> work) {
            batchLock.lock();
            try {
                return work.run(view);
            } catch (SQLException e) {
                throw new StoreException(what, file, e);
            } finally {
                batchLock.unlock();
            }
        }

        private <T> T savepoint(String what, SqlWork<T> work) {
            batchLock.lock();
            try {
                savepoint.execute();
                try {
                    T result = work.run(view);
                    release.execute();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    kept.clear();
                    try {
                        rollbackTo.execute();
                        release.execute();
                    } catch (SQLException rollbackFailed) {
                        e.addSuppressed(rollbackFailed);
                    }
                    throw e;
                }
            } catch (SQLException e) {
                throw new StoreException(what, file, e);
            } finally {
                batchLock.unlock();
            }
        }
    }

    /** Calls {@code method} on {@code target} for a JDBC view, throwing what it throws. */
    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Writes a consistent copy of the whole database to {@code target} while Quorum keeps running ({@code VACUUM
     * INTO}: one read transaction, writers are not blocked). The copy is an ordinary Quorum database file.
     *
     * @throws IllegalArgumentException when {@code target} exists: a backup never overwrites anything
     */
    public void backupTo(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            throw new IllegalArgumentException("backup target " + absolute + " already exists; a backup never overwrites a file");
        }
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the directory of backup target " + absolute + ": " + e.getMessage(), e);
        }
        read("back up to " + absolute, connection -> {
            try (java.sql.PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, absolute.toString());
                vacuum.execute();
            }
            return null;
        });
    }

    /**
     * Executes an {@code INSERT ... RETURNING id} and returns the new row id. The driver's own generated keys are off
     * ({@link #connect}): they ran a freshly compiled {@code SELECT last_insert_rowid()} after every INSERT.
     */
    public static long insertReturningId(java.sql.PreparedStatement insert) throws SQLException {
        try (ResultSet keys = insert.executeQuery()) {
            if (!keys.next()) {
                throw new SQLException("the insert returned no row id");
            }
            return keys.getLong("id");
        }
    }

    private Connection connect() throws SQLException {
        return connect(SQLiteConfig.SynchronousMode.FULL);
    }

    private Connection connect(SQLiteConfig.SynchronousMode synchronous) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) busyTimeout.toMillis());
        config.enforceForeignKeys(true);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL (all but inTransactionWithoutSync): a committed decision survives a power cut, not only a process
        // crash. Money is on the line.
        config.setSynchronous(synchronous);
        // IMMEDIATE: a writer takes the write lock at BEGIN, so two writers queue on the busy timeout instead
        // of one failing with SQLITE_BUSY when it upgrades a read lock mid-transaction.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Row ids come from RETURNING (insertReturningId); the driver's generated keys compile a query after each INSERT.
        config.setGetGeneratedKeys(false);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    /** Creates the directory and stamps the file as Quorum's (checkExisting has refused anything foreign). */
    private void initialise() {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UnusableDatabaseException(file, "cannot create its directory: " + e.getMessage(), e);
        }
        read("stamp the database as Quorum's", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA application_id = " + APPLICATION_ID);
            }
            return null;
        });
    }

    /**
     * Refuses, before anything is written, a file or directory this process cannot write: SQLite would otherwise open
     * it read-only and every decision would fail at its first write, long after start-up.
     */
    private static void checkWritable(Path file) {
        Path directory = file.getParent();
        String user = System.getProperty("user.name");
        // A data_dir (or --db's directory) that is a file: found here, before the lock file is tried beside it.
        FileInTheWay.of(file).ifPresent(inTheWay -> {
            throw new UnusableDatabaseException(file, inTheWay + " is not a directory");
        });
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new UnusableDatabaseException(file, "not writable by this process (user " + user
                    + "): Quorum writes every decision there; fix the file's owner or mode, or its mount");
        }
        if (Files.isDirectory(directory) && !Files.isWritable(directory)) {
            throw new UnusableDatabaseException(file, "its directory " + directory + " is not writable by this process"
                    + " (user " + user + "): SQLite creates the file and its -wal and -shm journals there");
        }
    }

    /** Absent, or an empty file (what {@code touch} leaves): nothing in it can be lost. */
    private static boolean isNewFile(Path file) {
        try {
            return !Files.exists(file) || (Files.isRegularFile(file) && Files.size(file) == 0);
        } catch (IOException e) {
            throw new UnusableDatabaseException(file, "cannot read its size: " + e.getMessage(), e);
        }
    }

    /** A regular file that starts with SQLite's header, read without a connection. */
    private static void checkHeader(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UnusableDatabaseException(file, "not a regular file");
        }
        byte[] header = new byte[SQLITE_HEADER.length];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(header, 0, header.length) != header.length || !Arrays.equals(header, SQLITE_HEADER)) {
                throw new UnusableDatabaseException(file, "not an SQLite database (wrong file header); Quorum refuses to touch it");
            }
        } catch (IOException e) {
            throw new UnusableDatabaseException(file, "cannot read it: " + e.getMessage(), e);
        }
    }

    /** Checks an existing file through a read-only connection, so a refused file is left byte for byte as it was. */
    private static void checkExisting(Path file) {
        checkHeader(file);
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, readOnly.toProperties());
             Statement statement = connection.createStatement()) {
            int applicationId;
            try (ResultSet rs = statement.executeQuery("PRAGMA application_id")) {
                applicationId = rs.getInt("application_id");
            }
            if (applicationId != APPLICATION_ID) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
                    while (rs.next()) {
                        tables.add(rs.getString("name"));
                    }
                }
                if (applicationId != 0 || !tables.isEmpty()) {
                    throw new UnusableDatabaseException(file, String.format(
                            "an SQLite database that is not Quorum's (application_id 0x%08X, expected 0x%08X; tables %s); "
                                    + "Quorum refuses to touch it: point the store at another file", applicationId, APPLICATION_ID, tables));
                }
            }
            List<String> problems = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("PRAGMA quick_check")) {
                while (rs.next()) {
                    problems.add(rs.getString("quick_check"));
                }
            }
            if (!problems.equals(List.of("ok"))) {
                throw new UnusableDatabaseException(file, "corrupt (PRAGMA quick_check: " + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                        + "); restore it from a backup");
            }
        } catch (SQLException e) {
            throw new UnusableDatabaseException(file, "corrupt or unreadable (" + e.getMessage() + "); restore it from a backup", e);
        }
    }
}
