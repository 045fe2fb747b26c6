package dev.quorum.memory.store;

import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A decision as its outcome scores it: the verdict and the votes (abstentions left out), each with the trust weight it
 * carried, in the order they were stored.
 *
 * <p>While a batch is open the store {@linkplain QuorumDatabase#kept keeps} the votes of the decisions it saves until
 * their outcome {@linkplain #takeUnscored takes} them, so a backtest does not read back rows it has just written (two
 * queries per outcome). A decision saved before the batch, or whose votes a failed operation made the batch forget, is
 * read from the file.
 */
public record DecisionVotes(long id, String correlationId, String ticker, LocalDate tradeDate, Verdict verdict, List<Vote> votes) {

    public DecisionVotes {
        votes = List.copyOf(votes);
    }

    /** One agent's vote as stored with the decision. */
    public record Vote(String agent, Direction signal, double confidence, double trustWeight) {
    }

    /**
     * The votes kept for {@code correlationId} by the open batch {@code connection} belongs to, forgotten there: its
     * outcome is being recorded. Empty outside a batch, for a decision saved before it, or already scored.
     */
    public static Optional<DecisionVotes> takeUnscored(QuorumDatabase database, Connection connection, String correlationId)
            throws SQLException {
        return unscored(database, connection).map(kept -> kept.remove(correlationId));
    }

    /** Keeps the votes of a decision just saved on {@code connection}, when it belongs to an open batch. */
    static void keep(QuorumDatabase database, Connection connection, DecisionVotes votes) throws SQLException {
        unscored(database, connection).ifPresent(kept -> kept.put(votes.correlationId(), votes));
    }

    private static Optional<Map<String, DecisionVotes>> unscored(QuorumDatabase database, Connection connection) throws SQLException {
        return database.kept(connection, DecisionVotes.class, batch -> new HashMap<>());
    }
}
