package dev.quorum.trader.state;

import dev.quorum.trader.broker.Side;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trader's SQLite file. One connection, every method synchronized; {@link #inTransaction} groups the writes of one
 * step of the book so they land together or not at all.
 */
public final class TraderStore implements AutoCloseable {

    /** Work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS decisions (
              correlation_id TEXT PRIMARY KEY, stream_entry TEXT NOT NULL, ticker TEXT NOT NULL, trade_date TEXT NOT NULL,
              verdict TEXT NOT NULL, confidence REAL NOT NULL, action TEXT NOT NULL, received_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS positions (
              id INTEGER PRIMARY KEY, correlation_id TEXT NOT NULL UNIQUE, ticker TEXT NOT NULL, long_side INTEGER NOT NULL,
              status TEXT NOT NULL, trade_date TEXT NOT NULL, planned_shares INTEGER NOT NULL, reference_price REAL NOT NULL,
              shares INTEGER NOT NULL DEFAULT 0, entry_price REAL NOT NULL DEFAULT 0, entry_cost REAL NOT NULL DEFAULT 0,
              entry_date TEXT, exit_shares INTEGER NOT NULL DEFAULT 0, exit_notional REAL NOT NULL DEFAULT 0,
              exit_cost REAL NOT NULL DEFAULT 0, exit_date TEXT, exit_reason TEXT, realised_pnl REAL NOT NULL DEFAULT 0, close_requested_on TEXT,
              updated_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS positions_by_ticker ON positions (ticker, status);
            CREATE TABLE IF NOT EXISTS orders (
              client_order_id TEXT PRIMARY KEY, correlation_id TEXT NOT NULL, purpose TEXT NOT NULL, ticker TEXT NOT NULL,
              side TEXT NOT NULL, quantity INTEGER NOT NULL, placed_on TEXT NOT NULL, status TEXT NOT NULL,
              broker_order_id TEXT NOT NULL DEFAULT '', filled_quantity INTEGER NOT NULL DEFAULT 0,
              average_price REAL NOT NULL DEFAULT 0, cost REAL NOT NULL DEFAULT 0, reason TEXT NOT NULL DEFAULT '',
              updated_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS fills (
              id INTEGER PRIMARY KEY, client_order_id TEXT NOT NULL, correlation_id TEXT NOT NULL, quantity INTEGER NOT NULL,
              price REAL NOT NULL, cost REAL NOT NULL, session TEXT NOT NULL, recorded_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS feedback_outbox (
              correlation_id TEXT PRIMARY KEY, payload TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
              next_attempt_millis INTEGER NOT NULL, last_error TEXT NOT NULL DEFAULT '', delivered_at TEXT);
            """;

    private static final String POSITION_COLUMNS = "id, correlation_id, ticker, long_side, status, trade_date, planned_shares, "
            + "reference_price, shares, entry_price, entry_cost, entry_date, exit_shares, exit_notional, exit_cost, exit_date, "
            + "exit_reason, realised_pnl, close_requested_on";
    private static final String ORDER_COLUMNS = "client_order_id, correlation_id, purpose, ticker, side, quantity, placed_on, "
            + "status, broker_order_id, filled_quantity, average_price, cost, reason";

    private final Connection connection;
    private final Path file;

    private TraderStore(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    public static TraderStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // BEGIN IMMEDIATE (as Quorum's own database): trader instances of one book may share this file, and a
            // transaction that reads before it writes must not meet another's commit in between.
            org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
            config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA busy_timeout=5000");
                for (String ddl : SCHEMA.split(";")) {
                    if (!ddl.isBlank()) {
                        s.execute(ddl);
                    }
                }
            }
            return new TraderStore(connection, file);
        } catch (SQLException | java.io.IOException e) {
            throw new TraderStoreException("cannot open the trader's state " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized <T> T inTransaction(String what, Work<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new TraderStoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private <T> T read(String what, Work<T> work) {
        synchronized (this) {
            try {
                return work.run();
            } catch (SQLException e) {
                throw new TraderStoreException(what + " failed: " + e.getMessage(), e);
            }
        }
    }

    // --- decisions -------------------------------------------------------------------------------------------

    public boolean seen(String correlationId) {
        return read("look up decision " + correlationId, () -> {
            try (PreparedStatement q = connection.prepareStatement("SELECT 1 FROM decisions WHERE correlation_id = ?")) {
                q.setString(1, correlationId);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Inside a transaction: the decision and what the trader did with it. */
    public void insertDecision(String correlationId, String streamEntry, String ticker, String tradeDate, String verdict,
                               double confidence, String action) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            q.setString(1, correlationId);
            q.setString(2, streamEntry);
            q.setString(3, ticker);
            q.setString(4, tradeDate);
            q.setString(5, verdict);
            q.setDouble(6, confidence);
            q.setString(7, action);
            q.setString(8, Instant.now().toString());
            q.executeUpdate();
        }
    }

    /**
     * The latest trade date among the decisions seen (a decision whose trade date is not a date is recorded as it came
     * and passed over): how far the book's clock may run while the stream still holds decisions; empty before the first.
     */
    public Optional<LocalDate> latestTradeDate() {
        return read("find the latest decision's trade date", () -> {
            try (PreparedStatement q = connection.prepareStatement("SELECT DISTINCT trade_date FROM decisions "
                    + "WHERE trade_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' ORDER BY trade_date DESC");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    try {
                        return Optional.of(LocalDate.parse(rs.getString(1)));
                    } catch (java.time.format.DateTimeParseException notADay) {
                        // "2024-02-30": looks like a date, is none; the next one down is.
                    }
                }
                return Optional.empty();
            }
        });
    }

    // --- positions ----------------------------------------------------------------------------------------------

    /** Inside a transaction: a position whose entry order is about to be placed. */
    public void insertPosition(String correlationId, String ticker, boolean longSide, LocalDate tradeDate, long plannedShares,
                               double referencePrice) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("INSERT INTO positions (correlation_id, ticker, long_side, status, "
                + "trade_date, planned_shares, reference_price, updated_at) VALUES (?, ?, ?, 'OPENING', ?, ?, ?, ?)")) {
            q.setString(1, correlationId);
            q.setString(2, ticker);
            q.setInt(3, longSide ? 1 : 0);
            q.setString(4, tradeDate.toString());
            q.setLong(5, plannedShares);
            q.setDouble(6, referencePrice);
            q.setString(7, Instant.now().toString());
            q.executeUpdate();
        }
    }

    /** Inside a transaction: writes every mutable column of {@code p}. */
    public void updatePosition(PositionRow p) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("UPDATE positions SET status = ?, shares = ?, entry_price = ?, "
                + "entry_cost = ?, entry_date = ?, exit_shares = ?, exit_notional = ?, exit_cost = ?, exit_date = ?, exit_reason = ?, "
                + "realised_pnl = ?, close_requested_on = ?, updated_at = ? WHERE id = ?")) {
            q.setString(1, p.status());
            q.setLong(2, p.shares());
            q.setDouble(3, p.entryPrice());
            q.setDouble(4, p.entryCost());
            q.setString(5, p.entryDate() == null ? null : p.entryDate().toString());
            q.setLong(6, p.exitShares());
            q.setDouble(7, p.exitNotional());
            q.setDouble(8, p.exitCost());
            q.setString(9, p.exitDate() == null ? null : p.exitDate().toString());
            q.setString(10, p.exitReason());
            q.setDouble(11, p.realisedPnl());
            q.setString(12, p.closeRequestedOn() == null ? null : p.closeRequestedOn().toString());
            q.setString(13, Instant.now().toString());
            q.setLong(14, p.id());
            q.executeUpdate();
        }
    }

    public Optional<PositionRow> position(String correlationId) {
        return read("read position " + correlationId, () ->
                selectPositions("WHERE correlation_id = ?", correlationId).stream().findFirst());
    }

    /**
     * The OPENING or OPEN position in {@code ticker}, not already being closed: the book holds at most one per ticker
     * (a new one may open while the previous one's closing order is still working).
     */
    public Optional<PositionRow> holding(String ticker) {
        return read("read the position in " + ticker, () -> selectPositions("WHERE ticker = ? AND status IN ('OPENING', 'OPEN') "
                + "AND close_requested_on IS NULL", ticker).stream().findFirst());
    }

    /** Positions in the given statuses, oldest first. */
    public List<PositionRow> positions(String... statuses) {
        return read("list positions", () -> selectPositions("WHERE status IN (" + "?,".repeat(statuses.length).replaceAll(",$", "") + ")",
                (Object[]) statuses));
    }

    /** Maps one result row. */
    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        }
    }

    private List<PositionRow> selectPositions(String where, Object... args) throws SQLException {
        return query("SELECT " + POSITION_COLUMNS + " FROM positions " + where + " ORDER BY id", rs -> new PositionRow(
                rs.getLong("id"), rs.getString("correlation_id"), rs.getString("ticker"), rs.getInt("long_side") == 1,
                rs.getString("status"), LocalDate.parse(rs.getString("trade_date")), rs.getLong("planned_shares"),
                rs.getDouble("reference_price"), rs.getLong("shares"), rs.getDouble("entry_price"), rs.getDouble("entry_cost"),
                date(rs.getString("entry_date")), rs.getLong("exit_shares"), rs.getDouble("exit_notional"), rs.getDouble("exit_cost"),
                date(rs.getString("exit_date")), rs.getString("exit_reason"), rs.getDouble("realised_pnl"),
                date(rs.getString("close_requested_on"))), args);
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    // --- orders and fills -----------------------------------------------------------------------------------------

    /** Inside a transaction: an order the broker has not been told about yet (status PENDING). */
    public void insertOrder(String clientOrderId, String correlationId, String purpose, String ticker, Side side, long quantity,
                            LocalDate placedOn) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("INSERT INTO orders (client_order_id, correlation_id, purpose, ticker, "
                + "side, quantity, placed_on, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)")) {
            q.setString(1, clientOrderId);
            q.setString(2, correlationId);
            q.setString(3, purpose);
            q.setString(4, ticker);
            q.setString(5, side.name());
            q.setLong(6, quantity);
            q.setString(7, placedOn.toString());
            q.setString(8, Instant.now().toString());
            q.executeUpdate();
        }
    }

    /** Inside a transaction: the broker's latest word on an order. */
    public void updateOrder(String clientOrderId, String status, String brokerOrderId, long filledQuantity, double averagePrice,
                            double cost, String reason) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("UPDATE orders SET status = ?, broker_order_id = ?, filled_quantity = ?, "
                + "average_price = ?, cost = ?, reason = ?, updated_at = ? WHERE client_order_id = ?")) {
            q.setString(1, status);
            q.setString(2, brokerOrderId == null ? "" : brokerOrderId);
            q.setLong(3, filledQuantity);
            q.setDouble(4, averagePrice);
            q.setDouble(5, cost);
            q.setString(6, reason == null ? "" : reason);
            q.setString(7, Instant.now().toString());
            q.setString(8, clientOrderId);
            q.executeUpdate();
        }
    }

    /** Inside a transaction: one fill (the increment of an order's filled quantity). */
    public void insertFill(String clientOrderId, String correlationId, long quantity, double price, double cost, LocalDate session)
            throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("INSERT INTO fills (client_order_id, correlation_id, quantity, price, "
                + "cost, session, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            q.setString(1, clientOrderId);
            q.setString(2, correlationId);
            q.setLong(3, quantity);
            q.setDouble(4, price);
            q.setDouble(5, cost);
            q.setString(6, session == null ? LocalDate.now().toString() : session.toString());
            q.setString(7, Instant.now().toString());
            q.executeUpdate();
        }
    }

    /** Orders the broker still works on or has not been told about: PENDING, ACCEPTED, PARTIALLY_FILLED. */
    public List<OrderRow> workingOrders() {
        return read("list working orders", () -> orders("WHERE status IN (?, ?, ?)", OrderRow.WORKING.toArray()));
    }

    /** The order as stored now (inside a transaction: as no other instance can change it until the commit). */
    public Optional<OrderRow> order(String clientOrderId) {
        return read("read order " + clientOrderId, () -> orders("WHERE client_order_id = ?", clientOrderId).stream().findFirst());
    }

    public List<OrderRow> ordersOf(String correlationId) {
        return read("list the orders of " + correlationId, () -> orders("WHERE correlation_id = ?", correlationId));
    }

    private List<OrderRow> orders(String where, Object... args) throws SQLException {
        return query("SELECT " + ORDER_COLUMNS + " FROM orders " + where + " ORDER BY rowid", rs -> new OrderRow(
                rs.getString("client_order_id"), rs.getString("correlation_id"), rs.getString("purpose"), rs.getString("ticker"),
                Side.valueOf(rs.getString("side")), rs.getLong("quantity"), LocalDate.parse(rs.getString("placed_on")),
                rs.getString("status"), rs.getString("broker_order_id"), rs.getLong("filled_quantity"), rs.getDouble("average_price"),
                rs.getDouble("cost"), rs.getString("reason")), args);
    }

    // --- feedback outbox ----------------------------------------------------------------------------------------

    /** Inside a transaction: a payload to deliver, due now. */
    public void enqueueFeedback(String correlationId, String payload) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("INSERT OR IGNORE INTO feedback_outbox (correlation_id, payload, status, "
                + "next_attempt_millis) VALUES (?, ?, 'PENDING', 0)")) {
            q.setString(1, correlationId);
            q.setString(2, payload);
            q.executeUpdate();
        }
    }

    /** Pending payloads whose next attempt is due at {@code now}, oldest first. */
    public List<OutboxEntry> dueFeedback(Instant now) {
        return read("list due feedback", () -> {
            return query("SELECT correlation_id, payload, attempts FROM feedback_outbox WHERE status = 'PENDING' "
                    + "AND next_attempt_millis <= ? ORDER BY rowid", rs -> new OutboxEntry(rs.getString("correlation_id"),
                            rs.getString("payload"), rs.getInt("attempts")),
                    now.toEpochMilli());
        });
    }

    /**
     * Records a delivery attempt: DELIVERED, REFUSED (final) or still PENDING until {@code nextAttempt}. Only a PENDING
     * entry changes: another trader instance of the same book may have delivered it while this one was posting it
     * too (Quorum then answers 409), and that late answer must not turn DELIVERED into REFUSED.
     */
    public void feedbackAttempt(String correlationId, String status, Instant nextAttempt, String error) {
        inTransaction("record the feedback attempt of " + correlationId, () -> {
            try (PreparedStatement q = connection.prepareStatement("UPDATE feedback_outbox SET status = ?, attempts = attempts + 1, "
                    + "next_attempt_millis = ?, last_error = ?, delivered_at = ? WHERE correlation_id = ? AND status = 'PENDING'")) {
                q.setString(1, status);
                q.setLong(2, nextAttempt.toEpochMilli());
                q.setString(3, error);
                q.setString(4, status.equals("DELIVERED") ? Instant.now().toString() : null);
                q.setString(5, correlationId);
                q.executeUpdate();
            }
            return null;
        });
    }

    // --- totals ----------------------------------------------------------------------------------------------------

    public BookTotals totals() {
        return read("sum the book", () -> new BookTotals(
                count("SELECT COUNT(*) AS n FROM decisions"),
                count("SELECT COUNT(*) AS n FROM positions WHERE status IN ('OPENING', 'OPEN', 'CLOSING')"),
                count("SELECT COUNT(*) AS n FROM positions WHERE status = 'CLOSED'"),
                sum("SELECT COALESCE(SUM(realised_pnl), 0) AS total FROM positions WHERE status = 'CLOSED'"),
                sum("SELECT COALESCE(SUM(entry_cost + exit_cost), 0) AS total FROM positions WHERE status = 'CLOSED'"),
                sum("SELECT COALESCE(SUM(cost), 0) AS total FROM fills"),
                count("SELECT COUNT(*) AS n FROM orders WHERE status = 'REJECTED'"),
                count("SELECT COUNT(*) AS n FROM feedback_outbox WHERE status = 'DELIVERED'"),
                count("SELECT COUNT(*) AS n FROM feedback_outbox WHERE status = 'PENDING'"),
                count("SELECT COUNT(*) AS n FROM feedback_outbox WHERE status = 'REFUSED'")));
    }

    /** @param sql selects one count named {@code n} */
    private long count(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong("n") : 0;
        }
    }

    /** @param sql selects one sum named {@code total} */
    private double sum(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getDouble("total") : 0;
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new TraderStoreException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
