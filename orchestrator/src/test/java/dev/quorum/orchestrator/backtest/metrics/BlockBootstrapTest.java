package dev.quorum.orchestrator.backtest.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockBootstrapTest {

    @Test
    void should_give_a_point_interval_to_a_constant_difference() {
        // candidate beats the baseline by 0.1 % every session: 0.001 x 252 = 0.252 a year, in every resample
        double[] base = new double[100];
        double[] candidate = new double[100];
        for (int i = 0; i < base.length; i++) {
            base[i] = 0.01 * Math.sin(i);
            candidate[i] = base[i] + 0.001;
        }
        BlockBootstrap.Difference d = BlockBootstrap.forHorizon(5, 100).annualReturnDifference("base", candidate, base);
        assertEquals(0.252, d.estimate(), 1e-12);
        assertEquals(0.252, d.lower(), 1e-12);
        assertEquals(0.252, d.upper(), 1e-12);
        assertTrue(d.significant());
        assertEquals("base", d.baseline());
    }

    @Test
    void should_keep_zero_inside_the_interval_of_pure_noise_and_repeat_with_the_seed() {
        double[] base = new double[200];
        double[] candidate = new double[200];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < base.length; i++) {
            candidate[i] = random.nextDouble(-0.01, 0.01);
        }
        BlockBootstrap bootstrap = BlockBootstrap.forHorizon(5, 200);
        BlockBootstrap.Difference d = bootstrap.annualReturnDifference("base", candidate, base);
        assertTrue(d.lower() < 0 && d.upper() > 0, d.toString());
        assertFalse(d.significant());
        assertEquals(d, bootstrap.annualReturnDifference("base", candidate, base), "the same seed gives the same interval");
    }

    @Test
    void should_resample_whole_blocks_of_at_least_the_horizon() {
        // n = 30, H = 5: L = max(5, ceil(30^(1/3)) = 4) = 5; every resample is runs of 5 consecutive indices (wrapping)
        BlockBootstrap bootstrap = BlockBootstrap.forHorizon(5, 30);
        assertEquals(5, bootstrap.blockLength());
        List<int[]> seen = new ArrayList<>();
        bootstrap.interval("base", 30, idx -> {
            seen.add(idx.clone());
            return 0.0;
        });
        assertEquals(BlockBootstrap.RESAMPLES + 1, seen.size(), "the estimate, then every resample");
        for (int[] idx : seen.subList(1, seen.size())) {
            for (int block = 0; block < 30; block += 5) {
                for (int j = 1; j < 5; j++) {
                    assertEquals((idx[block] + j) % 30, idx[block + j]);
                }
            }
        }
        assertNull(BlockBootstrap.forHorizon(5, 1).interval("base", 1, idx -> 1.0).lower(), "one case cannot be resampled");
    }
}
