package dev.quorum.memory.recall;

import dev.quorum.envelope.Verdict;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SimilarSituationsBlockTest {

    @Test
    void should_list_each_situation_with_its_verdict_outcome_and_return_most_similar_first() {
        List<RecalledSituation> recalled = List.of(
                new RecalledSituation("a", "NVDA", LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 8), Verdict.BUY,
                        0.042, OutcomeLabel.WIN, 0.912, "NVDA 2023-03-01 | regime bull | verdict BUY"),
                new RecalledSituation("b", "AMD", LocalDate.of(2022, 9, 26), LocalDate.of(2022, 10, 3), Verdict.SELL,
                        0.031, OutcomeLabel.LOSS, 0.8, "AMD 2022-09-26 | regime bear | verdict SELL"));

        assertEquals("""
                Similar past situations (outcomes known by 2023-06-01, most similar first):
                1. [similarity 0.91] NVDA 2023-03-01 | regime bull | verdict BUY -> WIN, realised +4.2% by 2023-03-08
                2. [similarity 0.80] AMD 2022-09-26 | regime bear | verdict SELL -> LOSS, realised +3.1% by 2022-10-03
                """, SimilarSituationsBlock.format(recalled, LocalDate.of(2023, 6, 1)));
    }

    @Test
    void should_be_empty_when_nothing_was_recalled() {
        assertEquals("", SimilarSituationsBlock.format(List.of(), LocalDate.of(2023, 6, 1)));
    }

    @Test
    void should_label_outcomes_by_whether_the_verdict_was_right() {
        assertEquals(OutcomeLabel.WIN, OutcomeLabel.of(Verdict.BUY, 0.02, 0.005));
        assertEquals(OutcomeLabel.LOSS, OutcomeLabel.of(Verdict.BUY, -0.02, 0.005));
        assertEquals(OutcomeLabel.FLAT, OutcomeLabel.of(Verdict.SELL, 0.004, 0.005));
        assertEquals(OutcomeLabel.WIN, OutcomeLabel.of(Verdict.SELL, -0.02, 0.005));
        assertEquals(OutcomeLabel.WIN, OutcomeLabel.of(Verdict.HOLD, 0.003, 0.005));
        assertEquals(OutcomeLabel.LOSS, OutcomeLabel.of(Verdict.HOLD, -0.03, 0.005));
    }
}
