package dev.quorum.memory.recall;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.quorum.envelope.Verdict;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

/**
 * The part both stores share: how a situation becomes a text segment with metadata, and how a recall becomes
 * a filtered similarity search. Dates are stored as sortable {@code yyyymmdd} integers because both Chroma
 * and the in-memory store compare numbers, not dates; the {@code known_at <= D} and {@code trade_date < D} filters
 * run inside the store.
 */
abstract class EmbeddingStoreSituationMemory implements SituationMemory {

    static final String SITUATION_ID = "situation_id";
    static final String TICKER = "ticker";
    static final String TRADE_DATE = "trade_date";
    static final String KNOWN_AT = "known_at";
    static final String VERDICT = "verdict";
    static final String REALISED_RETURN = "realised_return";
    static final String OUTCOME = "outcome";

    private final EmbeddingModel embeddingModel;

    EmbeddingStoreSituationMemory(EmbeddingModel embeddingModel) {
        this.embeddingModel = Objects.requireNonNull(embeddingModel, "embeddingModel");
    }

    /** The store to use now; may connect lazily and throw when it cannot. */
    abstract EmbeddingStore<TextSegment> store();

    /** Called after a situation was added (under the memory's lock), e.g. to persist it. */
    void afterIndex(String id, Embedding embedding, TextSegment segment) {
    }

    @Override
    public void index(ResolvedSituation resolved) {
        Objects.requireNonNull(resolved, "resolved");
        TextSegment segment = TextSegment.from(SituationText.describe(resolved), metadata(resolved));
        Embedding embedding = embeddingModel.embed(segment).content();
        EmbeddingStore<TextSegment> store = store();
        String id = storeId(resolved.situation());
        synchronized (this) {
            // Remove then add: a retried or repeated indexing of the same situation replaces it, never duplicates it.
            store.removeAll(List.of(id));
            store.addAll(List.of(id), List.of(embedding), List.of(segment));
            afterIndex(id, embedding, segment);
        }
    }

    /**
     * A situation is stored under its ticker and trade date, not its decision's id: there is one decision per
     * ticker-date, and one decided again under a new id (a backtest killed before its commit and resumed, whose
     * index kept what the database rolled back; a second worker) must replace the first, not sit beside it.
     */
    static String storeId(Situation situation) {
        return situation.ticker() + " " + situation.tradeDate();
    }

    @Override
    public List<RecalledSituation> recall(Situation now, int k, RecallScope scope) {
        checkRecall(now, k, scope);
        Embedding query = embeddingModel.embed(SituationText.describe(now)).content();
        // Traded before D as well as known by D: a decision made at D's close cannot have an outcome by then, so a
        // situation of D (the decision's own, redecided, with feedback stamped that day) would be hindsight.
        Filter knownByThen = metadataKey(KNOWN_AT).isLessThanOrEqualTo(dateNumber(now.tradeDate()))
                .and(metadataKey(TRADE_DATE).isLessThan(dateNumber(now.tradeDate())));
        Filter filter = scope == RecallScope.SAME_TICKER
                ? knownByThen.and(metadataKey(TICKER).isEqualTo(now.ticker()))
                : knownByThen;
        EmbeddingStore<TextSegment> store = store();
        // Stores order equal scores as they were inserted and cut among them at the limit: while the last match
        // still ties the k-th there may be more ties beyond it, so ask for more, then break ties by ticker and date.
        int asked = k + 1;
        List<EmbeddingMatch<TextSegment>> matches = search(store, query, filter, asked);
        while (matches.size() == asked && tiesAt(matches, k)) {
            asked *= 2;
            matches = search(store, query, filter, asked);
        }
        return matches.stream().sorted(BY_SCORE_THEN_ID).limit(k).map(EmbeddingStoreSituationMemory::recalled).toList();
    }

    private static final Comparator<EmbeddingMatch<TextSegment>> BY_SCORE_THEN_ID =
            Comparator.<EmbeddingMatch<TextSegment>>comparingDouble(EmbeddingMatch::score).reversed()
                    .thenComparing(EmbeddingMatch::embeddingId);

    private static List<EmbeddingMatch<TextSegment>> search(EmbeddingStore<TextSegment> store, Embedding query,
                                                            Filter filter, int maxResults) {
        return store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(query).maxResults(maxResults).minScore(0.0).filter(filter).build()).matches();
    }

    /** Whether the last of {@code matches} (more than {@code k}, best first) scores as the k-th does. */
    private static boolean tiesAt(List<EmbeddingMatch<TextSegment>> matches, int k) {
        return matches.get(matches.size() - 1).score().equals(matches.get(k - 1).score());
    }

    /** The argument checks every {@link SituationMemory#recall} makes, before touching any store. */
    static void checkRecall(Situation now, int k, RecallScope scope) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(scope, "scope");
        if (k < 1) {
            throw new IllegalArgumentException("recall needs k >= 1, was " + k);
        }
    }

    private static Metadata metadata(ResolvedSituation resolved) {
        Metadata metadata = new Metadata();
        metadata.put(SITUATION_ID, resolved.situationId());
        metadata.put(TICKER, resolved.situation().ticker());
        metadata.put(TRADE_DATE, dateNumber(resolved.situation().tradeDate()));
        metadata.put(KNOWN_AT, dateNumber(resolved.knownAt()));
        metadata.put(VERDICT, resolved.verdict().name());
        metadata.put(REALISED_RETURN, resolved.realisedReturn());
        metadata.put(OUTCOME, resolved.outcome().wire());
        return metadata;
    }

    private static RecalledSituation recalled(EmbeddingMatch<TextSegment> match) {
        Metadata m = match.embedded().metadata();
        return new RecalledSituation(m.getString(SITUATION_ID), m.getString(TICKER), date(m.getInteger(TRADE_DATE)),
                date(m.getInteger(KNOWN_AT)), Verdict.valueOf(m.getString(VERDICT)),
                m.getDouble(REALISED_RETURN), OutcomeLabel.fromWire(m.getString(OUTCOME)), match.score(),
                match.embedded().text());
    }

    /** 2023-06-01 -> 20230601 */
    static int dateNumber(LocalDate date) {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    static LocalDate date(int number) {
        return LocalDate.of(number / 10_000, number / 100 % 100, number % 100);
    }
}
