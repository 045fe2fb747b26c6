package dev.quorum.memory.store;

import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Verdict;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The decisions: each saved with its agents' signals, their exact inputs, the agents' errors and the envelope's
 * outbox row in ONE transaction. There is one current decision per (ticker, trade date); re-deciding keeps the
 * old row, marked as superseded by the new one. A provisional decision (degraded by infrastructure) is superseded
 * by the next decision of its (ticker, trade date) without being asked: only a final decision blocks a save.
 */
public final class DecisionStore {

    private final QuorumDatabase database;
    private final String stream;

    /** @param stream the Redis stream the envelopes go to; recorded with each outbox row */
    public DecisionStore(QuorumDatabase database, String stream) {
        this.database = Objects.requireNonNull(database, "database");
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("stream must not be blank");
        }
        this.stream = stream;
    }

    /** Whether a current (not superseded) decision exists for the ticker on the trade date. */
    public boolean exists(String ticker, LocalDate tradeDate) {
        return current(ticker, tradeDate).isPresent();
    }

    /** The correlation id of the current (not superseded) decision for the ticker on the trade date. */
    public Optional<String> current(String ticker, LocalDate tradeDate) {
        return database.read("look up the decision for " + ticker + " " + tradeDate,
                connection -> currentCorrelationId(connection, ticker, tradeDate));
    }

    /** The current (not superseded) decision for the ticker on the trade date, and whether it is provisional. */
    public Optional<CurrentDecision> currentDecision(String ticker, LocalDate tradeDate) {
        return database.read("look up the decision for " + ticker + " " + tradeDate,
                connection -> currentDecision(connection, ticker, tradeDate));
    }

    /** Whether any current decision has a trade date before {@code tradeDate}: whether earlier sessions were decided. */
    public boolean decidedBefore(LocalDate tradeDate) {
        return database.read("look for a decision before " + tradeDate, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM decisions WHERE trade_date < ? AND superseded_by IS NULL LIMIT 1")) {
                select.setString(1, tradeDate.toString());
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Saves a new decision with its signals, inputs, errors and outbox row, all or nothing. A provisional current
     * decision for the (ticker, trade date) is superseded by it.
     *
     * @throws DecisionExistsException when a final current decision exists for the (ticker, trade date)
     * @throws StoreException          when the database refused the write; nothing was written then
     */
    public SavedDecision save(DecisionRecord record) {
        return database.inTransaction("save decision " + record.correlationId(), connection -> {
            Optional<CurrentDecision> existing = currentDecision(connection, record.ticker(), record.tradeDate());
            if (existing.isPresent() && !existing.get().provisional()) {
                throw new DecisionExistsException(record.ticker(), record.tradeDate(), existing.get().correlationId());
            }
            return supersedeAndInsert(connection, record, true);
        });
    }

    /**
     * Saves a decision that replaces the current one for its (ticker, trade date), if any; the old row is kept,
     * marked as superseded by this one. All or nothing.
     */
    public SavedDecision redecide(DecisionRecord record) {
        return database.inTransaction("re-decide " + record.ticker() + " " + record.tradeDate(),
                connection -> supersedeAndInsert(connection, record, true));
    }

    /**
     * Records a decision another Quorum process made and already published (a scheduler learning from its workers):
     * stored like any decision, superseding the current one for its (ticker, trade date) if that is another, but
     * not queued for publishing again. All or nothing; idempotent.
     *
     * @return false when a decision with this correlation id was stored already (nothing changed)
     */
    public boolean recordPublished(DecisionRecord record) {
        return database.inTransaction("record published decision " + record.correlationId(), connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM decisions WHERE correlation_id = ?")) {
                select.setString(1, record.correlationId());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            supersedeAndInsert(connection, record, false);
            return true;
        });
    }

    /** The most recent decisions (superseded ones included, flagged), newest first: the dashboard's list. */
    public List<DecisionSummary> latest(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return summaries("ORDER BY d.id DESC LIMIT ?", statement -> statement.setInt(1, limit));
    }

    /** The decision with this correlation id. */
    public Optional<DecisionSummary> find(String correlationId) {
        return summaries("WHERE d.correlation_id = ?", statement -> statement.setString(1, correlationId)).stream().findFirst();
    }

    /**
     * Current decisions with no outcome yet, made on or before {@code lastTradeDate}, by trade date then ticker: what
     * the outcome resolver works through. Trust weights move in this order, so it must not depend on which decision
     * was stored first (with several workers, that is whichever finished first).
     */
    public List<DecisionSummary> unresolved(LocalDate lastTradeDate) {
        return unresolved(lastTradeDate, 0);
    }

    /**
     * {@link #unresolved(LocalDate)} among the decisions with an id of at least {@code fromId}: a mark from
     * {@link #unresolvedFrom} below which every decision is resolved or superseded, so the query reads the recent rows
     * instead of the whole table (once per session of a backtest, that was a quarter of its time at 40,000 decisions).
     */
    public List<DecisionSummary> unresolved(LocalDate lastTradeDate, long fromId) {
        return summaries("WHERE d.id >= ? AND d.superseded_by IS NULL AND o.id IS NULL AND d.trade_date <= ? ORDER BY d.trade_date, d.ticker, d.id",
                statement -> {
                    statement.setLong(1, fromId);
                    statement.setString(2, lastTradeDate.toString());
                });
    }

    /**
     * A mark for {@link #unresolved(LocalDate, long)}: the id of the oldest current decision without an outcome at or
     * above {@code fromId}, whatever its trade date, or the id the next decision will get when there is none. Outcomes
     * and supersessions are never undone and ids only grow, so a mark stays valid.
     *
     * @param fromId an earlier mark (0 at first)
     */
    public long unresolvedFrom(long fromId) {
        return database.read("find the oldest unresolved decision", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT coalesce((SELECT min(d.id) FROM decisions d LEFT JOIN outcomes o ON o.decision_id = d.id
                                     WHERE d.id >= ? AND d.superseded_by IS NULL AND o.id IS NULL),
                                    (SELECT max(id) + 1 FROM decisions), ?) AS first_unresolved""")) {
                select.setLong(1, fromId);
                select.setLong(2, fromId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong("first_unresolved");
                }
            }
        });
    }

    /** The envelope JSON of a decision, exactly as it was queued for publishing. */
    public Optional<String> envelope(String correlationId) {
        return database.read("read the envelope of " + correlationId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT envelope_json FROM decisions WHERE correlation_id = ?")) {
                select.setString(1, correlationId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString("envelope_json")) : Optional.empty();
                }
            }
        });
    }

    /** The exact inputs every agent saw for a decision, in agent order; empty when the decision is unknown. */
    public List<ReplayInput> inputs(String correlationId) {
        return database.read("read the inputs of " + correlationId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT s.agent, s.prompt_id, s.prompt_hash, s.input_json
                    FROM agent_signals s JOIN decisions d ON d.id = s.decision_id
                    WHERE d.correlation_id = ? ORDER BY s.id""")) {
                select.setString(1, correlationId);
                List<ReplayInput> inputs = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        inputs.add(new ReplayInput(correlationId, rs.getString("agent"), rs.getString("prompt_id"),
                                rs.getString("prompt_hash"), StoreJson.agentInput(rs.getString("input_json"))));
                    }
                }
                return inputs;
            }
        });
    }

    /** Inserts {@code record}, marking the current decision for its (ticker, trade date), if any, as superseded by it. */
    private SavedDecision supersedeAndInsert(Connection connection, DecisionRecord record, boolean queue) throws SQLException {
        Optional<String> existing = currentCorrelationId(connection, record.ticker(), record.tradeDate());
        if (existing.isPresent()) {
            // The foreign key to the new row is deferred to the commit: the new row is inserted just below.
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE decisions SET superseded_by = ?, superseded_at = ? WHERE correlation_id = ?")) {
                update.setString(1, record.correlationId());
                update.setString(2, record.decidedAt().toString());
                update.setString(3, existing.get());
                update.executeUpdate();
            }
        }
        return insert(connection, record, existing, queue);
    }

    /** @param queue whether the envelope goes to the outbox (0 as the outbox id when not) */
    private SavedDecision insert(Connection connection, DecisionRecord record, Optional<String> superseded,
                                 boolean queue) throws SQLException {
        long decisionId;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO decisions (correlation_id, ticker, trade_date, verdict, confidence, ensemble_score,
                    envelope_json, prompt_hashes_json, meta_learner_prediction, created_at, provisional)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            insert.setString(1, record.correlationId());
            insert.setString(2, record.ticker());
            insert.setString(3, record.tradeDate().toString());
            insert.setString(4, record.verdict().name());
            insert.setDouble(5, record.confidence());
            insert.setDouble(6, record.ensembleScore());
            insert.setString(7, record.envelopeJson());
            insert.setString(8, StoreJson.write(new TreeMap<>(record.promptHashes())));
            if (record.metaLearnerPrediction().isPresent()) {
                insert.setDouble(9, record.metaLearnerPrediction().getAsDouble());
            } else {
                insert.setNull(9, Types.REAL);
            }
            insert.setString(10, record.decidedAt().toString());
            insert.setInt(11, record.provisional() ? 1 : 0);
            decisionId = QuorumDatabase.insertReturningId(insert);
        }
        for (AgentRun run : record.agents()) {
            insertSignal(connection, decisionId, run);
            if (run.outcome() instanceof Abstention abstention) {
                SignalTelemetry telemetry = abstention.telemetry();
                insertError(connection, decisionId, new AgentError(abstention.agent(), abstention.category(), abstention.reason(),
                        telemetry.model(), telemetry.endpoint(), record.decidedAt()));
            }
        }
        for (AgentError error : record.errors()) {
            insertError(connection, decisionId, error);
        }
        DecisionVotes.keep(database, connection, votes(decisionId, record));
        long outboxId = queue ? Outbox.enqueue(connection, record.correlationId(), stream, record.decidedAt()) : 0;
        return new SavedDecision(decisionId, outboxId, superseded);
    }

    /**
     * The votes as a read of the rows gives them back: SQLite stores a REAL without a fraction as an integer, so a
     * stored -0.0 reads as 0.0 (adding 0.0 does the same).
     */
    private static DecisionVotes votes(long decisionId, DecisionRecord record) {
        List<DecisionVotes.Vote> votes = new ArrayList<>();
        for (AgentRun run : record.agents()) {
            if (run.outcome() instanceof AgentSignal signal) {
                votes.add(new DecisionVotes.Vote(signal.agent(), signal.signal(), signal.confidence() + 0.0, run.trustWeight() + 0.0));
            }
        }
        return new DecisionVotes(decisionId, record.correlationId(), record.ticker(), record.tradeDate(), record.verdict(), votes);
    }

    private static void insertSignal(Connection connection, long decisionId, AgentRun run) throws SQLException {
        AgentOutcome outcome = run.outcome();
        SignalTelemetry telemetry = outcome.telemetry();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO agent_signals (decision_id, agent, domain, abstained, signal, confidence, summary,
                    key_factors_json, error_category, backend, model, endpoint, attempts, fallback_path_json,
                    latency_ms, prompt_tokens, completion_tokens, prompt_id, prompt_hash, input_json, trust_weight)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, decisionId);
            insert.setString(2, outcome.agent());
            insert.setString(3, outcome.domain());
            if (outcome instanceof AgentSignal signal) {
                insert.setInt(4, 0);
                insert.setString(5, signal.signal().name());
                insert.setDouble(6, signal.confidence());
                insert.setString(7, signal.summary());
                insert.setString(8, StoreJson.write(signal.keyFactors()));
                insert.setNull(9, Types.VARCHAR);
            } else if (outcome instanceof Abstention abstention) {
                insert.setInt(4, 1);
                insert.setNull(5, Types.VARCHAR);
                insert.setNull(6, Types.REAL);
                insert.setString(7, abstention.reason());
                insert.setString(8, "[]");
                insert.setString(9, abstention.category().name());
            }
            insert.setString(10, telemetry.backend().wire());
            insert.setString(11, telemetry.model());
            insert.setString(12, telemetry.endpoint());
            insert.setInt(13, telemetry.attempts());
            insert.setString(14, StoreJson.write(telemetry.fallbackPath()));
            insert.setLong(15, telemetry.latency().toMillis());
            insert.setLong(16, telemetry.promptTokens());
            insert.setLong(17, telemetry.completionTokens());
            insert.setString(18, telemetry.promptId());
            insert.setString(19, telemetry.promptHash());
            insert.setString(20, StoreJson.agentInput(run.input()));
            insert.setDouble(21, run.trustWeight());
            insert.executeUpdate();
        }
    }

    private static void insertError(Connection connection, long decisionId, AgentError error) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO agent_errors (occurred_at, agent, category, message, model, endpoint, decision_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, error.occurredAt().toString());
            insert.setString(2, error.agent());
            insert.setString(3, error.category().name());
            insert.setString(4, error.message());
            insert.setString(5, error.model());
            insert.setString(6, error.endpoint());
            insert.setLong(7, decisionId);
            insert.executeUpdate();
        }
    }

    private static Optional<String> currentCorrelationId(Connection connection, String ticker, LocalDate tradeDate) throws SQLException {
        return currentDecision(connection, ticker, tradeDate).map(CurrentDecision::correlationId);
    }

    private static Optional<CurrentDecision> currentDecision(Connection connection, String ticker, LocalDate tradeDate) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT correlation_id, provisional FROM decisions WHERE ticker = ? AND trade_date = ? AND superseded_by IS NULL")) {
            select.setString(1, ticker);
            select.setString(2, tradeDate.toString());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next()
                        ? Optional.of(new CurrentDecision(rs.getString("correlation_id"), rs.getInt("provisional") == 1))
                        : Optional.empty();
            }
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<DecisionSummary> summaries(String whereOrderLimit, Binder binder) {
        return database.read("read decisions", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT d.id, d.correlation_id, d.ticker, d.trade_date, d.verdict, d.confidence, d.ensemble_score,
                           d.created_at, d.superseded_by, o.realized_return
                    FROM decisions d LEFT JOIN outcomes o ON o.decision_id = d.id
                    """ + whereOrderLimit)) {
                binder.bind(select);
                List<DecisionSummary> summaries = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        double realized = rs.getDouble("realized_return");
                        OptionalDouble realizedReturn = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(realized);
                        summaries.add(new DecisionSummary(rs.getLong("id"), rs.getString("correlation_id"),
                                rs.getString("ticker"), LocalDate.parse(rs.getString("trade_date")),
                                Verdict.valueOf(rs.getString("verdict")), rs.getDouble("confidence"), rs.getDouble("ensemble_score"),
                                Instant.parse(rs.getString("created_at")), Optional.ofNullable(rs.getString("superseded_by")),
                                realizedReturn));
                    }
                }
                return summaries;
            }
        });
    }
}
