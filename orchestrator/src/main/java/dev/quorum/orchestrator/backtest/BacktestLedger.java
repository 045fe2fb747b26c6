package dev.quorum.orchestrator.backtest;

import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.trust.TrustPolicy;
import dev.quorum.orchestrator.backtest.metrics.RecordedVote;
import dev.quorum.orchestrator.backtest.metrics.ResolvedDecision;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads back what a backtest stored: its current decisions with their votes and market outcomes, and the weights' path. */
public final class BacktestLedger {

    private final QuorumDatabase database;

    public BacktestLedger(QuorumDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** The current (not superseded) decisions of the tickers in [from, to] that have a market outcome, oldest first. */
    public List<ResolvedDecision> resolved(List<String> tickers, LocalDate from, LocalDate to) {
        return resolved(tickers::contains, from, to);
    }

    /**
     * The current decisions in [from, to] of the tickers {@code ticker} accepts that have a market outcome, oldest first,
     * with the market regime their agents saw (the {@code regime} feature of the first stored input).
     */
    public List<ResolvedDecision> resolved(java.util.function.Predicate<String> ticker, LocalDate from, LocalDate to) {
        return database.read("read the backtest's resolved decisions", connection -> {
            Map<Long, List<RecordedVote>> votes = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT s.decision_id, s.agent, s.signal, s.confidence, s.trust_weight FROM agent_signals s
                    JOIN decisions d ON d.id = s.decision_id
                    WHERE s.abstained = 0 AND d.superseded_by IS NULL AND d.trade_date BETWEEN ? AND ? ORDER BY s.id""")) {
                select.setString(1, from.toString());
                select.setString(2, to.toString());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        double stored = rs.getDouble("trust_weight");
                        // wasNull speaks of the column read last: ask it before reading another (NULL: a row from before V002).
                        double weight = rs.wasNull() ? TrustPolicy.DEFAULT_WEIGHT : stored;
                        votes.computeIfAbsent(rs.getLong("decision_id"), k -> new ArrayList<>()).add(new RecordedVote(
                                rs.getString("agent"), Direction.valueOf(rs.getString("signal")), rs.getDouble("confidence"), weight));
                    }
                }
            }
            List<ResolvedDecision> decisions = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT d.id, d.ticker, d.trade_date, d.verdict, d.confidence, d.ensemble_score, d.meta_learner_prediction,
                           o.exit_date, o.realized_return, o.benchmark_return,
                           (SELECT json_extract(s.input_json, '$.features.regime') FROM agent_signals s
                            WHERE s.decision_id = d.id ORDER BY s.id LIMIT 1) AS regime
                    FROM decisions d JOIN outcomes o ON o.decision_id = d.id
                    WHERE d.superseded_by IS NULL AND o.source = 'market' AND d.trade_date BETWEEN ? AND ?
                    ORDER BY d.trade_date, d.ticker""")) {
                select.setString(1, from.toString());
                select.setString(2, to.toString());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        if (!ticker.test(rs.getString("ticker"))) {
                            continue;
                        }
                        decisions.add(new ResolvedDecision(rs.getString("ticker"), LocalDate.parse(rs.getString("trade_date")),
                                Verdict.valueOf(rs.getString("verdict")), rs.getDouble("confidence"), rs.getDouble("ensemble_score"),
                                nullable(rs, "meta_learner_prediction"), votes.getOrDefault(rs.getLong("id"), List.of()),
                                LocalDate.parse(rs.getString("exit_date")), rs.getDouble("realized_return"),
                                nullable(rs, "benchmark_return"), rs.getString("regime")));
                    }
                }
            }
            return decisions;
        });
    }

    private static Double nullable(ResultSet rs, String column) throws java.sql.SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** Every trust-weight change caused by an outcome, in the order applied, dated by the outcome's exit session. */
    public List<WeightPoint> weightPath() {
        return database.read("read the trust weight history", connection -> {
            List<WeightPoint> points = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT e.agent, o.exit_date, e.new_weight FROM trust_weight_events e
                    JOIN outcomes o ON o.id = e.outcome_id WHERE o.exit_date IS NOT NULL ORDER BY e.id""");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    points.add(new WeightPoint(rs.getString("agent"), LocalDate.parse(rs.getString("exit_date")), rs.getDouble("new_weight")));
                }
            }
            return points;
        });
    }

    /** Decisions stored for the tickers in [from, to], resolved or not. */
    public long decisionCount(List<String> tickers, LocalDate from, LocalDate to) {
        return database.read("count the backtest's decisions", connection -> {
            long count = 0;
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT ticker, COUNT(*) AS decisions FROM decisions WHERE superseded_by IS NULL AND trade_date BETWEEN ? AND ? GROUP BY ticker""")) {
                select.setString(1, from.toString());
                select.setString(2, to.toString());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        count += tickers.contains(rs.getString("ticker")) ? rs.getLong("decisions") : 0;
                    }
                }
            }
            return count;
        });
    }
}
