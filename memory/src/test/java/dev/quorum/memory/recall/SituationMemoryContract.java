package dev.quorum.memory.recall;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.quorum.envelope.Verdict;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static dev.quorum.memory.recall.Situations.crash;
import static dev.quorum.memory.recall.Situations.rally;
import static dev.quorum.memory.recall.Situations.resolved;
import static dev.quorum.memory.recall.Situations.resolvedAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link SituationMemory} store must do; each store's test class runs it against a real store. */
abstract class SituationMemoryContract {

    static final LocalDate D = LocalDate.of(2023, 6, 1);

    /** A fresh, empty store embedding with {@code embeddingModel}. */
    abstract SituationMemory emptyMemory(EmbeddingModel embeddingModel);

    /** A fresh, empty store embedding with the real model. */
    SituationMemory emptyMemory() {
        return emptyMemory(Situations.embeddingModel());
    }

    private static List<String> ids(List<RecalledSituation> recalled) {
        return recalled.stream().map(RecalledSituation::situationId).toList();
    }

    @Test
    void should_recall_the_most_similar_situation_first_with_its_outcome() {
        SituationMemory memory = emptyMemory();
        memory.index(resolved("rally-1", rally("NVDA", LocalDate.of(2023, 3, 1)), Verdict.BUY, 0.042));
        memory.index(resolved("crash-1", crash("NVDA", LocalDate.of(2022, 9, 26)), Verdict.SELL, -0.031));

        List<RecalledSituation> recalled = memory.recall(crash("NVDA", D), 2, RecallScope.SAME_TICKER);

        assertEquals(List.of("crash-1", "rally-1"), ids(recalled));
        RecalledSituation first = recalled.get(0);
        assertEquals("NVDA", first.ticker());
        assertEquals(LocalDate.of(2022, 9, 26), first.tradeDate());
        assertEquals(LocalDate.of(2022, 10, 3), first.knownAt());
        assertEquals(Verdict.SELL, first.verdict());
        assertEquals(-0.031, first.realisedReturn());
        assertEquals(OutcomeLabel.WIN, first.outcome());
        assertTrue(first.description().contains("regime high-volatility") && first.description().endsWith("verdict SELL"),
                first.description());
        assertTrue(first.similarity() > recalled.get(1).similarity(), recalled.toString());
    }

    @Test
    void should_return_only_outcomes_known_by_the_query_date() {
        SituationMemory memory = emptyMemory();
        memory.index(resolvedAt("known-before", rally("NVDA", D.minusDays(20)), Verdict.BUY, 0.02, D.minusDays(13)));
        memory.index(resolvedAt("known-on-the-day", rally("NVDA", D.minusDays(7)), Verdict.BUY, 0.01, D));
        // Traded before D, but its outcome only became known after D: a look-ahead if it came back.
        memory.index(resolvedAt("known-after", rally("NVDA", D.minusDays(3)), Verdict.BUY, 0.05, D.plusDays(4)));
        memory.index(resolvedAt("traded-after", rally("NVDA", D.plusDays(10)), Verdict.BUY, 0.03, D.plusDays(17)));

        List<String> recalled = ids(memory.recall(rally("NVDA", D), 10, RecallScope.ANY_TICKER));

        assertEquals(2, recalled.size(), recalled.toString());
        assertTrue(recalled.containsAll(List.of("known-before", "known-on-the-day")), recalled.toString());
    }

    @Test
    void should_never_recall_a_situation_traded_on_the_query_date() {
        SituationMemory memory = emptyMemory();
        memory.index(resolvedAt("earlier", rally("NVDA", D.minusDays(8)), Verdict.BUY, 0.02, D.minusDays(1)));
        // Its outcome is stamped known on its own trade date (feedback that arrived that day): deciding that
        // ticker-date again must not be shown how it turned out, nor must any other ticker's decision of that day.
        memory.index(resolvedAt("own-decision", rally("NVDA", D), Verdict.BUY, 0.05, D));
        memory.index(resolvedAt("same-day-elsewhere", rally("AAPL", D), Verdict.BUY, 0.04, D));

        assertEquals(List.of("earlier"), ids(memory.recall(rally("NVDA", D), 5, RecallScope.ANY_TICKER)));
    }

    @Test
    void should_order_equally_similar_situations_by_id_whatever_order_they_were_indexed_in() {
        // One vector for every text: all situations score exactly alike, and a store alone orders ties (and cuts
        // among them at k) by insertion.
        EmbeddingModel allAlike = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                return Response.from(segments.stream().map(segment -> Embedding.from(new float[]{0.6f, 0.8f})).toList());
            }
        };
        for (List<String> order : List.of(List.of("c", "a", "b"), List.of("b", "c", "a"), List.of("a", "b", "c"))) {
            SituationMemory memory = emptyMemory(allAlike);
            for (String id : order) {
                memory.index(resolved(id, rally("NVDA", LocalDate.of(2023, 3, 1 + id.charAt(0) - 'a')), Verdict.BUY, 0.04));
            }

            assertEquals(List.of("a", "b"), ids(memory.recall(rally("NVDA", D), 2, RecallScope.ANY_TICKER)),
                    "indexed in the order " + order);
            memory.close();
        }
    }

    @Test
    void should_limit_a_same_ticker_recall_to_that_ticker() {
        SituationMemory memory = emptyMemory();
        memory.index(resolved("nvda", rally("NVDA", LocalDate.of(2023, 1, 10)), Verdict.BUY, 0.03));
        memory.index(resolved("aapl", rally("AAPL", LocalDate.of(2023, 1, 10)), Verdict.BUY, 0.01));
        memory.index(resolved("msft", crash("MSFT", LocalDate.of(2022, 6, 10)), Verdict.SELL, -0.02));

        assertEquals(List.of("nvda"), ids(memory.recall(rally("NVDA", D), 5, RecallScope.SAME_TICKER)));
        List<String> any = ids(memory.recall(rally("NVDA", D), 5, RecallScope.ANY_TICKER));
        assertEquals(3, any.size(), any.toString());
        assertEquals(2, memory.recall(rally("NVDA", D), 2, RecallScope.ANY_TICKER).size(), "top-k must cap the answer");
    }

    @Test
    void should_store_a_situation_indexed_again_once_under_its_id_or_a_new_one() {
        SituationMemory memory = emptyMemory();
        memory.index(resolved("rolled-back", rally("NVDA", LocalDate.of(2023, 2, 1)), Verdict.BUY, 0.03));
        memory.index(resolved("rolled-back", rally("NVDA", LocalDate.of(2023, 2, 1)), Verdict.BUY, 0.03)); // a retry
        // A backtest killed before its commit keeps in the index what the database rolled back, and decides those
        // sessions again under new ids when it resumes.
        memory.index(resolved("decided-again", rally("NVDA", LocalDate.of(2023, 2, 1)), Verdict.BUY, 0.03));

        assertEquals(List.of("decided-again"), ids(memory.recall(rally("NVDA", D), 5, RecallScope.ANY_TICKER)));
    }
}
