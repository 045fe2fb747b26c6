package dev.quorum.memory.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.agents.json.Json;
import dev.quorum.memory.store.QuorumDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The trust weights and their history, in SQLite (the truth) and mirrored after each commit. Current weights
 * live in {@code agent_performance.current_weight}; every change is a {@code trust_weight_events} row; all weights
 * are snapshotted every N recorded outcomes and can be rolled back to any snapshot (the rollback is itself an
 * event per agent, preceded by a snapshot of what it replaced, so a rollback can be undone).
 */
public final class TrustLedger {

    private static final ObjectMapper JSON = Json.MAPPER;

    private final QuorumDatabase database;
    private final TrustSettings settings;
    private final WeightsMirror mirror;
    private final Clock clock;

    public TrustLedger(QuorumDatabase database, TrustSettings settings, WeightsMirror mirror, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mirror = Objects.requireNonNull(mirror, "mirror");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public TrustPolicy policy() {
        return settings.policy();
    }

    /** Every agent with a weight, by name. Agents not in it weigh the policy's {@link TrustPolicy#initialWeight()}. */
    public Map<String, Double> currentWeights() {
        return database.read("read trust weights", this::currentWeights);
    }

    /** The agent's weight, the policy's initial weight for an agent never scored. */
    public double weightOf(String agent) {
        return currentWeights().getOrDefault(agent, settings.policy().initialWeight());
    }

    /**
     * What every scored agent has proven about direction (its accuracy posterior and calibration map), by name;
     * kept whatever the policy, so that switching policy or calibrating confidences needs no replay.
     */
    public Map<String, AgentSkill> skills() {
        return database.read("read agent skills", connection -> {
            Optional<Kept> kept = kept(connection);
            return kept.isPresent() ? new TreeMap<>(kept.get().skills()) : allSkills(connection);
        });
    }

    private static Map<String, AgentSkill> allSkills(Connection connection) throws SQLException {
        return byAgent(connection, SKILL_SELECT, TrustLedger::skill, AgentSkill::agent);
    }

    /** Every row {@code select} (no WHERE clause) reads, by agent. */
    private static <T> Map<String, T> byAgent(Connection connection, String select, Row<T> row,
                                              java.util.function.Function<T, String> agent) throws SQLException {
        Map<String, T> rows = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(select);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                T read = row.read(rs);
                rows.put(agent.apply(read), read);
            }
        }
        return rows;
    }

    /**
     * The agent_performance and agent_skill rows, by agent, as {@linkplain QuorumDatabase#kept kept} in memory while a
     * batch is open: the ledger is the only writer of both tables, so after its own writes it knows them without
     * reading them back (a batched backtest read them several times per outcome and per decision).
     */
    private record Kept(Map<String, AgentPerformance> performance, Map<String, AgentSkill> skills) {
    }

    /**
     * The rows kept for the batch {@code connection} belongs to; empty outside a batch (read the file). Shared by every
     * ledger on the database (keyed by the class, not the instance): each one writes the same rows.
     */
    private Optional<Kept> kept(Connection connection) throws SQLException {
        return database.kept(connection, Kept.class, view -> new Kept(
                byAgent(view, PERFORMANCE_SELECT, TrustLedger::performance, AgentPerformance::agent), allSkills(view)));
    }

    /** Seed 001's agent_performance, by agent name. */
    public List<AgentPerformance> performance() {
        return database.read("read agent performance", connection -> {
            List<AgentPerformance> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(PERFORMANCE_SELECT + " ORDER BY agent")) {
                while (rs.next()) {
                    rows.add(performance(rs));
                }
            }
            return rows;
        });
    }

    /** The agent's most recent weight changes, newest first. */
    public List<TrustWeightEvent> history(String agent, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return database.read("read the trust history of " + agent, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, agent, old_weight, new_weight, policy, reason, outcome_id, snapshot_id, created_at
                    FROM trust_weight_events WHERE agent = ? ORDER BY id DESC LIMIT ?""")) {
                select.setString(1, agent);
                select.setInt(2, limit);
                List<TrustWeightEvent> events = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        long outcome = rs.getLong("outcome_id");
                        OptionalLong outcomeId = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(outcome);
                        long snapshot = rs.getLong("snapshot_id");
                        OptionalLong snapshotId = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(snapshot);
                        events.add(new TrustWeightEvent(rs.getLong("id"), rs.getString("agent"), rs.getDouble("old_weight"),
                                rs.getDouble("new_weight"), rs.getString("policy"), rs.getString("reason"), outcomeId, snapshotId,
                                Instant.parse(rs.getString("created_at"))));
                    }
                }
                return events;
            }
        });
    }

    /** The most recent snapshots, newest first. */
    public List<TrustSnapshot> snapshots(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return database.read("read trust snapshots", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SNAPSHOT_SELECT + " ORDER BY id DESC LIMIT ?")) {
                select.setInt(1, limit);
                return snapshots(select);
            }
        });
    }

    /**
     * Applies the policy to the scored calls of one recorded outcome, inside the caller's transaction (the one
     * that inserted the outcome, so that the outcome and the weight changes commit together). Call
     * {@link #mirror()} after the commit. Only the calls {@link TrustSettings#updates()} counts move anything.
     *
     * @param evidence what a directional call of the decision's trade date is worth, per agent: the
     *                 {@link #sessionEvidence} of that date (an agent missing from it counts whole)
     * @return all current weights after the update
     */
    public Map<String, Double> apply(Connection connection, long outcomeId, String correlationId,
                                     Map<String, SessionEvidence> evidence, List<ScoredCall> calls) throws SQLException {
        Instant now = clock.instant();
        for (ScoredCall call : calls) {
            if (!settings.updates().counts(call)) {
                continue;
            }
            AgentPerformance before = performance(connection, call.agent())
                    .orElse(AgentPerformance.none(call.agent(), settings.policy().initialWeight(), now));
            AgentPerformance counted = before.counting(call, now);
            AgentSkill skill = skill(connection, call.agent()).orElse(AgentSkill.none(call.agent()))
                    .after(call, evidence.getOrDefault(call.agent(), SessionEvidence.WHOLE));
            saveSkill(connection, skill, now);
            double newWeight = settings.policy().nextWeight(before.currentWeight(), call, counted, skill);
            if (!Double.isFinite(newWeight)) {
                throw new IllegalStateException("trust policy " + settings.policy().name() + " produced " + newWeight + " for " + call.agent());
            }
            savePerformance(connection, counted.withWeight(newWeight));
            String reason = String.format(Locale.ROOT, "outcome of %s: %s %.2f, %s, return %+.2f%%", correlationId, call.signal(),
                    call.confidence(), settings.policy().judged(call), call.realizedReturn() * 100);
            insertEvent(connection, call.agent(), before.currentWeight(), newWeight, reason, outcomeId, null, now);
        }
        long updates = recordedOutcomes(connection);
        if (updates > 0 && updates % settings.snapshotEvery() == 0) {
            insertSnapshot(connection, "every " + settings.snapshotEvery() + " updates", updates, now);
        }
        return currentWeights(connection);
    }

    /**
     * Per agent with a directional call on {@code tradeDate}, what such a call is worth ({@link SessionEvidence}), from
     * the current decisions: its directional calls on that date, and its latest earlier date with one within the
     * look-back (an older one cannot overlap). Every decision of a trade date is stored before the first of them
     * resolves (their outcomes are known sessions later), so each of them is weighed alike, whatever order the outcomes
     * come in. Recording an outcome writes no decision: the outcomes of one trade date recorded together may share
     * one reading.
     *
     * @param horizonSessions H, the sessions of the outcome window ({@link SessionEvidence}'s overlap)
     */
    public static Map<String, SessionEvidence> sessionEvidence(Connection connection, LocalDate tradeDate, int horizonSessions)
            throws SQLException {
        String day = tradeDate.toString();
        String lookback = tradeDate.minusDays(SessionEvidence.lookbackDays(horizonSessions)).toString();
        Map<String, Integer> calls = new TreeMap<>();
        Map<String, LocalDate> previous = new TreeMap<>();
        // The trade date's calls and the latest earlier trade date's, counted per agent: in a daily walk that earlier
        // date is each agent's previous session, and the two dates are all that is read.
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT a.agent, d.trade_date, COUNT(*) FROM decisions d JOIN agent_signals a ON a.decision_id = d.id
                WHERE d.trade_date IN (?, (SELECT MAX(trade_date) FROM decisions WHERE trade_date < ? AND trade_date > ?
                                                                                   AND superseded_by IS NULL))
                  AND d.superseded_by IS NULL AND a.signal IN ('BULLISH', 'BEARISH')
                GROUP BY a.agent, d.trade_date""")) {
            select.setString(1, day);
            select.setString(2, day);
            select.setString(3, lookback);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2).equals(day)) {
                        calls.put(rs.getString(1), rs.getInt(3));
                    } else {
                        previous.put(rs.getString(1), LocalDate.parse(rs.getString(2)));
                    }
                }
            }
        }
        if (!previous.keySet().containsAll(calls.keySet())) {
            // An agent that was NEUTRAL or absent that date: its latest directional date within the look-back, if any.
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT a.agent, MAX(d.trade_date) FROM decisions d JOIN agent_signals a ON a.decision_id = d.id
                    WHERE d.trade_date < ? AND d.trade_date > ? AND d.superseded_by IS NULL AND a.signal IN ('BULLISH', 'BEARISH')
                    GROUP BY a.agent""")) {
                select.setString(1, day);
                select.setString(2, lookback);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        previous.putIfAbsent(rs.getString(1), LocalDate.parse(rs.getString(2)));
                    }
                }
            }
        }
        Map<String, SessionEvidence> evidence = new TreeMap<>();
        calls.forEach((agent, n) -> evidence.put(agent,
                SessionEvidence.of(n, Optional.ofNullable(previous.get(agent)), tradeDate, horizonSessions)));
        return evidence;
    }

    /**
     * Restores the weights of a snapshot in one transaction: a snapshot of the weights it replaces is taken first,
     * and every changed agent gets an event. Agents unknown when the snapshot was taken go back to the default
     * weight. The performance counters are not rolled back: they count what happened.
     *
     * @return all current weights after the rollback
     * @throws IllegalArgumentException when there is no such snapshot, or the policy
     *                                  {@linkplain TrustPolicy#weighsTheWholeRecord() weighs the whole record}
     */
    public Map<String, Double> rollback(long snapshotId) {
        Map<String, Double> weights = database.inTransaction("roll back trust weights to snapshot " + snapshotId, connection -> {
            TrustSnapshot target;
            try (PreparedStatement select = connection.prepareStatement(SNAPSHOT_SELECT + " WHERE id = ?")) {
                select.setLong(1, snapshotId);
                target = snapshots(select).stream().findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "no trust weight snapshot " + snapshotId + "; list them with 'bin/quorum weights'"));
            }
            if (settings.policy().weighsTheWholeRecord()) {
                // Restoring the weights alone would last until each agent's next outcome, which recomputes its weight
                // from the record (not rolled back): a right call could then lower a weight. Refused, nothing changed.
                throw new IllegalArgumentException("snapshot " + snapshotId + " cannot be restored under trust policy "
                        + settings.policy().name() + ": it recomputes each weight from the agent's whole record at its next "
                        + "outcome, and the record is not rolled back; nothing changed");
            }
            Instant now = clock.instant();
            Map<String, Double> before = currentWeights(connection);
            insertSnapshot(connection, "before rollback to snapshot " + snapshotId, recordedOutcomes(connection), now);
            for (Map.Entry<String, Double> entry : before.entrySet()) {
                String agent = entry.getKey();
                double restored = target.weights().getOrDefault(agent, settings.policy().initialWeight());
                if (restored != entry.getValue()) {
                    AgentPerformance performance = performance(connection, agent).orElseThrow();
                    savePerformance(connection, performance.withWeight(restored));
                    insertEvent(connection, agent, entry.getValue(), restored, "rollback to snapshot " + snapshotId, null, snapshotId, now);
                }
            }
            return currentWeights(connection);
        });
        mirror.publish(weights, clock.instant());
        return weights;
    }

    /** Copies the current weights to the mirror (after a commit, and at start-up to heal a stale mirror). */
    public void mirror() {
        mirror.publish(currentWeights(), clock.instant());
    }

    private static final String PERFORMANCE_SELECT = """
            SELECT agent, total_decisions, correct_decisions, accuracy, avg_profit_contribution, current_weight, sharpe_ratio,
                   win_rate, wins, losses, sum_profit_contribution, sum_sq_profit_contribution, updated_at, gross_profit, gross_loss
            FROM agent_performance""";

    private static final String SKILL_SELECT = """
            SELECT agent, right_calls, wrong_calls, bin_right_json, bin_wrong_json, directional_calls FROM agent_skill""";

    private Optional<AgentSkill> skill(Connection connection, String agent) throws SQLException {
        Optional<Kept> kept = kept(connection);
        return kept.isPresent() ? Optional.ofNullable(kept.get().skills().get(agent))
                : oneAgent(connection, SKILL_SELECT, agent, TrustLedger::skill);
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The row of {@code agent} selected by {@code select} (which has no WHERE clause yet). */
    private static <T> Optional<T> oneAgent(Connection connection, String select, String agent, Row<T> row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(select + " WHERE agent = ?")) {
            statement.setString(1, agent);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
            }
        }
    }

    private static AgentSkill skill(ResultSet rs) throws SQLException {
        try {
            TypeReference<List<Double>> numbers = new TypeReference<>() { };
            return new AgentSkill(rs.getString("agent"), rs.getDouble("right_calls"), rs.getDouble("wrong_calls"),
                    JSON.readValue(rs.getString("bin_right_json"), numbers), JSON.readValue(rs.getString("bin_wrong_json"), numbers),
                    rs.getLong("directional_calls"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("agent_skill of " + rs.getString("agent") + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private void saveSkill(Connection connection, AgentSkill skill, Instant at) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO agent_skill (agent, right_calls, wrong_calls, bin_right_json, bin_wrong_json, directional_calls, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (agent) DO UPDATE SET right_calls = excluded.right_calls, wrong_calls = excluded.wrong_calls,
                    bin_right_json = excluded.bin_right_json, bin_wrong_json = excluded.bin_wrong_json,
                    directional_calls = excluded.directional_calls, updated_at = excluded.updated_at""")) {
            upsert.setString(1, skill.agent());
            upsert.setDouble(2, skill.right());
            upsert.setDouble(3, skill.wrong());
            upsert.setString(4, JSON.writeValueAsString(skill.binRight()));
            upsert.setString(5, JSON.writeValueAsString(skill.binWrong()));
            upsert.setLong(6, skill.directionalCalls());
            upsert.setString(7, at.toString());
            upsert.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the calibration bins as JSON", e);
        }
        kept(connection).ifPresent(kept -> kept.skills().put(skill.agent(), skill));
    }

    private static final String SNAPSHOT_SELECT = "SELECT id, weights_json, policy, update_count, reason, created_at FROM trust_weight_snapshots";

    private Map<String, Double> currentWeights(Connection connection) throws SQLException {
        Map<String, Double> weights = new TreeMap<>();
        Optional<Kept> kept = kept(connection);
        if (kept.isPresent()) {
            kept.get().performance().forEach((agent, row) -> weights.put(agent, row.currentWeight()));
            return weights;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT agent, current_weight FROM agent_performance");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                weights.put(rs.getString("agent"), rs.getDouble("current_weight"));
            }
        }
        return weights;
    }

    private Optional<AgentPerformance> performance(Connection connection, String agent) throws SQLException {
        Optional<Kept> kept = kept(connection);
        return kept.isPresent() ? Optional.ofNullable(kept.get().performance().get(agent))
                : oneAgent(connection, PERFORMANCE_SELECT, agent, TrustLedger::performance);
    }

    private static AgentPerformance performance(ResultSet rs) throws SQLException {
        return new AgentPerformance(rs.getString("agent"), rs.getLong("total_decisions"), rs.getLong("correct_decisions"),
                optional(rs, "accuracy"), optional(rs, "avg_profit_contribution"), rs.getDouble("current_weight"),
                optional(rs, "sharpe_ratio"), optional(rs, "win_rate"), rs.getLong("wins"), rs.getLong("losses"),
                rs.getDouble("sum_profit_contribution"), rs.getDouble("sum_sq_profit_contribution"), rs.getDouble("gross_profit"),
                rs.getDouble("gross_loss"), Instant.parse(rs.getString("updated_at")));
    }

    private static OptionalDouble optional(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private void savePerformance(Connection connection, AgentPerformance p) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO agent_performance (agent, total_decisions, correct_decisions, accuracy, avg_profit_contribution,
                    current_weight, sharpe_ratio, win_rate, wins, losses, sum_profit_contribution, sum_sq_profit_contribution, updated_at,
                    gross_profit, gross_loss, profit_factor)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (agent) DO UPDATE SET total_decisions = excluded.total_decisions,
                    correct_decisions = excluded.correct_decisions, accuracy = excluded.accuracy,
                    avg_profit_contribution = excluded.avg_profit_contribution, current_weight = excluded.current_weight,
                    sharpe_ratio = excluded.sharpe_ratio, win_rate = excluded.win_rate, wins = excluded.wins,
                    losses = excluded.losses, sum_profit_contribution = excluded.sum_profit_contribution,
                    sum_sq_profit_contribution = excluded.sum_sq_profit_contribution, updated_at = excluded.updated_at,
                    gross_profit = excluded.gross_profit, gross_loss = excluded.gross_loss, profit_factor = excluded.profit_factor""")) {
            upsert.setString(1, p.agent());
            upsert.setLong(2, p.totalDecisions());
            upsert.setLong(3, p.correctDecisions());
            setOptional(upsert, 4, p.accuracy());
            setOptional(upsert, 5, p.avgProfitContribution());
            upsert.setDouble(6, p.currentWeight());
            setOptional(upsert, 7, p.sharpeRatio());
            setOptional(upsert, 8, p.winRate());
            upsert.setLong(9, p.wins());
            upsert.setLong(10, p.losses());
            upsert.setDouble(11, p.sumProfitContribution());
            upsert.setDouble(12, p.sumSquaredProfitContribution());
            upsert.setString(13, p.updatedAt().toString());
            upsert.setDouble(14, p.grossProfit());
            upsert.setDouble(15, p.grossLoss());
            setOptional(upsert, 16, p.profitFactor());
            upsert.executeUpdate();
        }
        kept(connection).ifPresent(kept -> kept.performance().put(p.agent(), p));
    }

    private static void setOptional(PreparedStatement statement, int index, OptionalDouble value) throws SQLException {
        if (value.isPresent()) {
            statement.setDouble(index, value.getAsDouble());
        } else {
            statement.setNull(index, Types.REAL);
        }
    }

    private void insertEvent(Connection connection, String agent, double oldWeight, double newWeight, String reason,
                             Long outcomeId, Long snapshotId, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO trust_weight_events (agent, old_weight, new_weight, policy, reason, outcome_id, snapshot_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, agent);
            insert.setDouble(2, oldWeight);
            insert.setDouble(3, newWeight);
            insert.setString(4, settings.policy().name());
            insert.setString(5, reason);
            insert.setObject(6, outcomeId, Types.INTEGER);
            insert.setObject(7, snapshotId, Types.INTEGER);
            insert.setString(8, at.toString());
            insert.executeUpdate();
        }
        if (settings.eventsKeptPerAgent() > 0) {
            try (PreparedStatement prune = connection.prepareStatement("""
                    DELETE FROM trust_weight_events WHERE agent = ? AND id < (
                        SELECT MIN(id) FROM (SELECT id FROM trust_weight_events WHERE agent = ? ORDER BY id DESC LIMIT ?))""")) {
                prune.setString(1, agent);
                prune.setString(2, agent);
                prune.setInt(3, settings.eventsKeptPerAgent());
                prune.executeUpdate();
            }
        }
    }

    private void insertSnapshot(Connection connection, String reason, long updates, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO trust_weight_snapshots (weights_json, policy, update_count, reason, created_at) VALUES (?, ?, ?, ?, ?)""")) {
            insert.setString(1, JSON.writeValueAsString(currentWeights(connection)));
            insert.setString(2, settings.policy().name());
            insert.setLong(3, updates);
            insert.setString(4, reason);
            insert.setString(5, at.toString());
            insert.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the weights as JSON", e);
        }
    }

    /**
     * Every recorded outcome applied the policy once: the update count snapshots are taken on. Outcomes are only ever
     * added (nothing in Quorum deletes one) with ids given as the largest so far + 1, so the largest id is their
     * count, read from the end of the primary key; {@code COUNT(*)} walked the whole table on every update, which made
     * a long backtest quadratic.
     */
    private static long recordedOutcomes(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COALESCE(MAX(id), 0) AS recorded FROM outcomes");
             ResultSet rs = select.executeQuery()) {
            return rs.getLong("recorded");
        }
    }

    private static List<TrustSnapshot> snapshots(PreparedStatement select) throws SQLException {
        List<TrustSnapshot> snapshots = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Map<String, Double> weights;
                try {
                    weights = JSON.readValue(rs.getString("weights_json"), new TypeReference<LinkedHashMap<String, Double>>() { });
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("trust snapshot " + rs.getLong("id") + " has unreadable weights: "
                            + e.getOriginalMessage(), e);
                }
                snapshots.add(new TrustSnapshot(rs.getLong("id"), weights, rs.getString("policy"), rs.getLong("update_count"),
                        rs.getString("reason"), Instant.parse(rs.getString("created_at"))));
            }
        }
        return snapshots;
    }
}
