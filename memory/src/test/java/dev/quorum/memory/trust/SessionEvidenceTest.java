package dev.quorum.memory.trust;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionEvidenceTest {

    private static final double EXACT = 1e-12;
    private static final LocalDate TUESDAY = LocalDate.parse("2024-03-12");

    @Test
    void should_share_one_session_between_the_calls_of_a_trade_date() {
        SessionEvidence evidence = SessionEvidence.of(4, Optional.empty(), TUESDAY, 5);

        assertEquals(0.25, evidence.share(), EXACT);
        assertEquals(1.0, evidence.novelty(), EXACT, "no earlier session: the whole window is new");
        assertEquals(0.25, evidence.weight(), EXACT);
    }

    @Test
    void should_count_only_the_sessions_of_the_window_the_previous_session_did_not_cover() {
        assertEquals(0.2, SessionEvidence.of(1, Optional.of(TUESDAY.minusDays(1)), TUESDAY, 5).novelty(), EXACT, "the day before");
        assertEquals(0.2, SessionEvidence.of(1, Optional.of(LocalDate.parse("2024-03-08")), LocalDate.parse("2024-03-11"), 5).novelty(),
                EXACT, "Friday to Monday is one session");
        assertEquals(0.6, SessionEvidence.of(1, Optional.of(LocalDate.parse("2024-03-07")), TUESDAY, 5).novelty(), EXACT,
                "Thursday to Tuesday: three sessions");
        assertEquals(1.0, SessionEvidence.of(1, Optional.of(TUESDAY.minusWeeks(1)), TUESDAY, 5).novelty(), EXACT, "a week: no overlap");
        assertEquals(1.0, SessionEvidence.of(2, Optional.of(TUESDAY.minusYears(3)), TUESDAY, 5).novelty(), EXACT);
        assertEquals(0.1, SessionEvidence.of(1, Optional.of(TUESDAY.minusDays(1)), TUESDAY, 10).novelty(), EXACT);
        assertEquals(1.0, SessionEvidence.of(1, Optional.of(TUESDAY.minusDays(1)), TUESDAY, 1).novelty(), EXACT,
                "one-session windows never overlap");
    }

    @Test
    void should_find_every_overlapping_session_within_its_lookback_for_any_horizon() {
        // The ledger only looks lookbackDays back for the previous session: any older one must be at least H sessions away.
        for (int horizon = 1; horizon <= 60; horizon++) {
            for (LocalDate day = TUESDAY; day.isBefore(TUESDAY.plusDays(7)); day = day.plusDays(1)) {
                LocalDate edge = day.minusDays(SessionEvidence.lookbackDays(horizon));
                for (LocalDate previous = edge.minusDays(30); !previous.isAfter(edge); previous = previous.plusDays(1)) {
                    assertTrue(weekdaysBetween(previous, day) >= horizon, "H " + horizon + ": " + previous + " to " + day);
                }
            }
        }
    }

    @Test
    void should_refuse_a_previous_session_that_is_not_earlier_and_counts_that_cannot_be() {
        assertThrows(IllegalArgumentException.class, () -> SessionEvidence.of(1, Optional.of(TUESDAY), TUESDAY, 5));
        assertThrows(IllegalArgumentException.class, () -> SessionEvidence.of(0, Optional.empty(), TUESDAY, 5));
        assertThrows(IllegalArgumentException.class, () -> SessionEvidence.of(1, Optional.empty(), TUESDAY, 0));
        assertThrows(IllegalArgumentException.class, () -> new SessionEvidence(0.5, 0.0));
        assertEquals(1.0 / 5, SessionEvidence.of(1, Optional.of(LocalDate.parse("2024-03-09")), LocalDate.parse("2024-03-10"), 5).novelty(),
                EXACT, "a later (weekend) trade date is at least one session later");
    }

    private static int weekdaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            n += d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : 1;
        }
        return n;
    }
}
