package dev.quorum.memory.recall;

import java.util.List;

/** Past situations and their outcomes, searchable by similarity. */
public interface SituationMemory extends AutoCloseable {

    /** Adds (or replaces: one per ticker and trade date) a situation whose outcome has resolved. */
    void index(ResolvedSituation resolved);

    /**
     * The {@code k} past situations most similar to {@code now}, most similar first (equally similar ones by ticker and date),
     * among those traded before {@code now.tradeDate()} whose outcomes were known by it (inclusive), within
     * {@code scope}.
     */
    List<RecalledSituation> recall(Situation now, int k, RecallScope scope);

    @Override
    void close();
}
