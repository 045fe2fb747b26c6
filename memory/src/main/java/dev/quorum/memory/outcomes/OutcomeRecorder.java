package dev.quorum.memory.outcomes;

import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.store.DecisionVotes;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.trust.ScoredCall;
import dev.quorum.memory.trust.SessionEvidence;
import dev.quorum.memory.trust.TrustLedger;
import dev.quorum.memory.trust.TrustPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Records how a decision turned out: scores every agent's call, stores the outcome and its scored calls, and
 * applies the trust policy, all in one transaction; then mirrors the weights and tells the listeners. One
 * outcome per decision: a second one is refused, whatever its source.
 */
public final class OutcomeRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);

    /** Tolerance on the sign check of a reported profit: a cent of rounding is not an inconsistency. */
    private static final double PROFIT_TOLERANCE = 0.01;

    private final QuorumDatabase database;
    private final TrustLedger ledger;
    private final OutcomeRules rules;
    private final List<OutcomeListener> listeners;
    private final Clock clock;

    public OutcomeRecorder(QuorumDatabase database, TrustLedger ledger, OutcomeRules rules, List<OutcomeListener> listeners, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.listeners = List.copyOf(listeners);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public OutcomeRules rules() {
        return rules;
    }

    /**
     * Records an observed outcome of the decision with this correlation id.
     *
     * @throws OutcomeRejectedException when the decision is unknown or already has an outcome (field {@code decision_id})
     */
    public ResolvedOutcome record(String correlationId, Observation observation) {
        return record(correlationId, observation, decision -> { }, new HashMap<>());
    }

    /** Records outcomes one after another, as {@link #record} does, reading each trade date's decisions once. */
    public Pass pass() {
        return new Pass();
    }

    /**
     * Outcomes recorded in a row. Recording an outcome writes no decision, so the decisions a trade date's session
     * evidence ({@link TrustLedger#sessionEvidence}) is counted from stay as they were between two of them: it is read
     * once per trade date instead of once per outcome (a backtest resolves a watchlist's trade date at once, and that
     * query, repeated per outcome, was a sixth of its walk). Hold a pass only while nothing else decides: one resolve.
     */
    public final class Pass {

        private final Map<LocalDate, Map<String, SessionEvidence>> evidence = new HashMap<>();

        private Pass() {
        }

        /** {@link OutcomeRecorder#record}. */
        public ResolvedOutcome record(String correlationId, Observation observation) {
            return OutcomeRecorder.this.record(correlationId, observation, decision -> { }, evidence);
        }
    }

    /**
     * Parses, validates and records seed 001's feedback payload.
     *
     * @throws OutcomeRejectedException naming the field at fault: malformed payload, unknown or already resolved
     *                                  decision, symbol mismatch, profit inconsistent with the prices and the verdict,
     *                                  votes that differ from the stored ones
     */
    public ResolvedOutcome recordFeedback(String payloadJson) {
        FeedbackPayload payload = FeedbackPayload.parse(payloadJson);
        return record(payload.decisionId(), Observation.of(payload, payloadJson), decision -> checkFeedback(payload, decision),
                new HashMap<>());
    }

    @FunctionalInterface
    private interface DecisionCheck {
        void check(DecisionVotes decision);
    }

    /** @param evidence the session evidence read so far, by trade date: a trade date missing is read, and kept here */
    private ResolvedOutcome record(String correlationId, Observation observation, DecisionCheck check,
                                   Map<LocalDate, Map<String, SessionEvidence>> evidence) {
        ResolvedOutcome resolved = database.inTransaction("record the outcome of " + correlationId, connection -> {
            DecisionVotes decision = load(connection, correlationId);
            check.check(decision);
            List<ScoredCall> calls = new ArrayList<>();
            Map<String, Double> weightsAtDecision = new LinkedHashMap<>();
            Direction verdictDirection = OutcomeRules.directionOf(decision.verdict());
            double r = observation.realizedReturn();
            for (DecisionVotes.Vote vote : decision.votes()) {
                calls.add(new ScoredCall(vote.agent(), vote.signal(), vote.confidence(), r, rules.isCorrect(vote.signal(), r),
                        vote.signal().sign() * r, vote.signal() == verdictDirection));
                weightsAtDecision.put(vote.agent(), vote.trustWeight());
            }
            long outcomeId = insertOutcome(connection, decision.id(), observation);
            insertCalls(connection, outcomeId, calls);
            Map<String, SessionEvidence> worth = evidence.get(decision.tradeDate());
            if (worth == null) {
                worth = TrustLedger.sessionEvidence(connection, decision.tradeDate(), rules.horizonSessions());
                evidence.put(decision.tradeDate(), worth);
            }
            Map<String, Double> weightsAfter = ledger.apply(connection, outcomeId, correlationId, worth, calls);
            return new ResolvedOutcome(outcomeId, correlationId, decision.ticker(), decision.tradeDate(), decision.verdict(),
                    observation, calls, weightsAtDecision, weightsAfter);
        });
        ledger.mirror();
        for (OutcomeListener listener : listeners) {
            try {
                listener.onResolved(resolved);
            } catch (RuntimeException e) {
                LOG.warn("outcome listener {} failed on {} (the outcome is recorded): {}", listener.getClass().getSimpleName(),
                        correlationId, e.toString());
            }
        }
        return resolved;
    }

    private void checkFeedback(FeedbackPayload payload, DecisionVotes decision) {
        if (!payload.symbol().equals(decision.ticker())) {
            throw new OutcomeRejectedException("symbol", "\"" + payload.symbol() + "\" but decision " + decision.correlationId()
                    + " is for " + decision.ticker());
        }
        double move = payload.exitPrice() - payload.entryPrice();
        double expectedSign = switch (decision.verdict()) {
            case BUY -> Math.signum(move);
            case SELL -> -Math.signum(move);
            case HOLD -> 0.0;
        };
        double profit = payload.actualProfit();
        boolean consistent = Math.abs(profit) <= PROFIT_TOLERANCE || Math.signum(profit) == expectedSign;
        if (decision.verdict() == Verdict.HOLD && Math.abs(profit) > PROFIT_TOLERANCE) {
            throw new OutcomeRejectedException("actual_profit", String.format(Locale.ROOT,
                    "%.2f but decision %s was HOLD: no position, so no profit or loss", profit, decision.correlationId()));
        }
        if (!consistent) {
            throw new OutcomeRejectedException("actual_profit", String.format(Locale.ROOT,
                    "%.2f is inconsistent with a %s from entry_price %s to exit_price %s (a %s there %s money)", profit,
                    decision.verdict(), payload.entryPrice(), payload.exitPrice(), decision.verdict(), expectedSign > 0 ? "makes" : "loses"));
        }
        Map<String, DecisionVotes.Vote> stored = new LinkedHashMap<>();
        decision.votes().forEach(v -> stored.put(v.agent(), v));
        for (Map.Entry<String, FeedbackPayload.Vote> vote : payload.agentVotes().entrySet()) {
            DecisionVotes.Vote mine = stored.get(vote.getKey());
            if (mine == null) {
                throw new OutcomeRejectedException("agent_votes." + vote.getKey(), "decision " + decision.correlationId()
                        + " has no vote from this agent; its voters are " + stored.keySet());
            }
            if (mine.signal() != vote.getValue().direction()) {
                throw new OutcomeRejectedException("agent_votes." + vote.getKey() + ".direction", vote.getValue().direction()
                        + " but the stored vote is " + mine.signal());
            }
        }
    }

    /** The decision to score: kept by the open batch that saved it, or read (and checked not yet scored). */
    private DecisionVotes load(Connection connection, String correlationId) throws SQLException {
        Optional<DecisionVotes> kept = DecisionVotes.takeUnscored(database, connection, correlationId);
        if (kept.isPresent()) {
            return kept.get();
        }
        long id;
        String ticker;
        LocalDate tradeDate;
        Verdict verdict;
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT d.id, d.ticker, d.trade_date, d.verdict, o.source, o.resolved_at
                FROM decisions d LEFT JOIN outcomes o ON o.decision_id = d.id WHERE d.correlation_id = ?""")) {
            select.setString(1, correlationId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new OutcomeRejectedException(OutcomeRejectedException.Reason.UNKNOWN_DECISION, "decision_id", "no decision with correlation id \"" + correlationId + "\"");
                }
                if (rs.getString("source") != null) {
                    throw new OutcomeRejectedException(OutcomeRejectedException.Reason.ALREADY_RESOLVED, "decision_id", "decision " + correlationId + " already has an outcome (source "
                            + rs.getString("source") + ", recorded " + rs.getString("resolved_at") + "); an outcome is recorded once");
                }
                id = rs.getLong("id");
                ticker = rs.getString("ticker");
                tradeDate = LocalDate.parse(rs.getString("trade_date"));
                verdict = Verdict.valueOf(rs.getString("verdict"));
            }
        }
        List<DecisionVotes.Vote> votes = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT agent, signal, confidence, trust_weight FROM agent_signals
                WHERE decision_id = ? AND abstained = 0 ORDER BY id""")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    double stored = rs.getDouble("trust_weight");
                    // wasNull speaks of the column read last: ask it before reading another (NULL: a row from before V002).
                    double weight = rs.wasNull() ? TrustPolicy.DEFAULT_WEIGHT : stored;
                    votes.add(new DecisionVotes.Vote(rs.getString("agent"), Direction.valueOf(rs.getString("signal")), rs.getDouble("confidence"),
                            weight));
                }
            }
        }
        return new DecisionVotes(id, correlationId, ticker, tradeDate, verdict, votes);
    }

    private long insertOutcome(Connection connection, long decisionId, Observation o) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outcomes (decision_id, source, entry_date, exit_date, entry_price, exit_price, horizon_sessions,
                    realized_return, benchmark_return, alpha, actual_profit, neutral_band, payload_json, resolved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            insert.setLong(1, decisionId);
            insert.setString(2, o.source().name().toLowerCase(Locale.ROOT));
            insert.setString(3, o.entryDate().map(LocalDate::toString).orElse(null));
            insert.setString(4, o.exitDate().map(LocalDate::toString).orElse(null));
            insert.setDouble(5, o.entryPrice());
            insert.setDouble(6, o.exitPrice());
            insert.setInt(7, o.horizonSessions());
            insert.setDouble(8, o.realizedReturn());
            insert.setObject(9, o.benchmarkReturn().isPresent() ? o.benchmarkReturn().getAsDouble() : null, Types.REAL);
            insert.setObject(10, o.alpha().isPresent() ? o.alpha().getAsDouble() : null, Types.REAL);
            insert.setObject(11, o.actualProfit().isPresent() ? o.actualProfit().getAsDouble() : null, Types.REAL);
            insert.setDouble(12, rules.epsilon());
            insert.setString(13, o.payloadJson().orElse(null));
            insert.setString(14, clock.instant().toString());
            return QuorumDatabase.insertReturningId(insert);
        }
    }

    private static void insertCalls(Connection connection, long outcomeId, List<ScoredCall> calls) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outcome_agent_calls (outcome_id, agent, signal, confidence, correct, profit_contribution, agreed_with_verdict)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (ScoredCall call : calls) {
                insert.setLong(1, outcomeId);
                insert.setString(2, call.agent());
                insert.setString(3, call.signal().name());
                insert.setDouble(4, call.confidence());
                insert.setInt(5, call.correct() ? 1 : 0);
                insert.setDouble(6, call.profitContribution());
                insert.setInt(7, call.agreedWithVerdict() ? 1 : 0);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
