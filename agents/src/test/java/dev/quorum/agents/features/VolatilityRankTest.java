package dev.quorum.agents.features;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The 1-year volatility rank the risk prompt shows, on hand-computed cases (2-day volatility, 3 sessions of history). */
class VolatilityRankTest {

    @Test
    void should_rank_today_highest_when_its_volatility_is_the_largest() {
        // 2-day windows: (+1%, -1%), (-1%, +1%), (+1%, +8.9%): the last spread is the widest.
        assertEquals(OptionalDouble.of(100.0), FeatureCalculator.volatilityRank(new double[]{100, 101, 100, 101, 110}, 2, 3));
    }

    @Test
    void should_count_the_sessions_at_or_below_today() {
        // (-9.5%, +1%) is the widest; the last two windows are (+1%, -1%) and (-1%, +1%): equal, so 2 of 3.
        assertEquals(200.0 / 3, FeatureCalculator.volatilityRank(new double[]{110, 100, 101, 100, 101}, 2, 3).getAsDouble(), 1e-9);
    }

    @Test
    void should_be_absent_without_the_history() {
        assertEquals(OptionalDouble.empty(), FeatureCalculator.volatilityRank(new double[]{100, 101, 100, 101}, 2, 3));
    }
}
