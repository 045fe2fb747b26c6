package dev.quorum.orchestrator.promptlab;

import dev.quorum.memory.store.DecisionStore;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.store.ReplayInput;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the decision store knows about prompts: the inputs each agent saw, and which prompt versions were live when. */
public final class StoredPrompts {

    /** A prompt version as stored decisions used it. */
    public record LiveVersion(String agent, String promptId, String promptHash, LocalDate firstTradeDate,
                              LocalDate lastTradeDate, String firstDecidedAt, String lastDecidedAt, long signals) {
    }

    private final QuorumDatabase database;
    private final DecisionStore store;

    public StoredPrompts(QuorumDatabase database, DecisionStore store) {
        this.database = Objects.requireNonNull(database, "database");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The current decisions' inputs for {@code agent}, newest first: the last {@code limit} of them, or those with a
     * trade date in [from, to].
     */
    public List<EvalCase> cases(String agent, LocalDate from, LocalDate to, int limit) {
        record Row(String correlationId, LocalDate tradeDate, Double realized) {
        }
        List<Row> rows = database.read("read the stored inputs of " + agent, connection -> {
            List<Row> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT d.correlation_id, d.trade_date, o.realized_return FROM agent_signals s
                    JOIN decisions d ON d.id = s.decision_id LEFT JOIN outcomes o ON o.decision_id = d.id
                    WHERE s.agent = ? AND d.superseded_by IS NULL AND d.trade_date BETWEEN ? AND ?
                    ORDER BY d.trade_date DESC, d.ticker LIMIT ?""")) {
                select.setString(1, agent);
                select.setString(2, from.toString());
                select.setString(3, to.toString());
                select.setInt(4, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        double r = rs.getDouble("realized_return");
                        // wasNull speaks of the column read last: ask it before reading another (NULL: not resolved yet).
                        Double realized = rs.wasNull() ? null : r;
                        found.add(new Row(rs.getString("correlation_id"), LocalDate.parse(rs.getString("trade_date")), realized));
                    }
                }
            }
            return found;
        });
        List<EvalCase> cases = new ArrayList<>();
        for (Row row : rows) {
            ReplayInput input = store.inputs(row.correlationId()).stream().filter(i -> i.agent().equals(agent)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("decision " + row.correlationId() + " lost its " + agent + " input"));
            cases.add(new EvalCase(row.correlationId(), row.tradeDate(), input.input(), row.realized()));
        }
        return cases;
    }

    /** Every (agent, prompt id, prompt hash) stored decisions used, with the trade dates and times it was live. */
    public List<LiveVersion> versions() {
        return database.read("read the prompt versions", connection -> {
            List<LiveVersion> versions = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT s.agent, s.prompt_id, s.prompt_hash, MIN(d.trade_date) AS first_trade_date,
                           MAX(d.trade_date) AS last_trade_date, MIN(d.created_at) AS first_decided_at,
                           MAX(d.created_at) AS last_decided_at, COUNT(*) AS signals
                    FROM agent_signals s JOIN decisions d ON d.id = s.decision_id
                    GROUP BY s.agent, s.prompt_id, s.prompt_hash ORDER BY s.agent, first_decided_at""");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    versions.add(new LiveVersion(rs.getString("agent"), rs.getString("prompt_id"), rs.getString("prompt_hash"),
                            LocalDate.parse(rs.getString("first_trade_date")), LocalDate.parse(rs.getString("last_trade_date")),
                            rs.getString("first_decided_at"), rs.getString("last_decided_at"), rs.getLong("signals")));
                }
            }
            return versions;
        });
    }
}
