package dev.quorum.orchestrator.backtest;

import dev.quorum.memory.trust.BetaLogOddsPolicy;
import dev.quorum.orchestrator.backtest.PlantedSkillRun.Accuracy;
import dev.quorum.orchestrator.backtest.PlantedSkillRun.Planted;
import dev.quorum.orchestrator.consensus.Pooling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance of the learning (issue 12): agents of planted skill ({@link PlantedSkillAgent}) run through the
 * production walk-forward on the shipped sample, and the default trust policy (with the default calibrated pooling) must
 * find the skilled ones and lean on them; on the real rules agents it must not do worse than equal weights.
 */
class PlantedSkillBacktestTest {

    // 250 sessions x 5 tickers = 1,250 decisions, all resolvable inside the sample (it ends 2024-12-31).
    static final LocalDate FROM = LocalDate.of(2023, 12, 1);
    static final LocalDate TO = LocalDate.of(2024, 11, 26);
    static final String DEFAULT_POLICY = "beta-log-odds";

    @Test
    void should_find_the_one_skilled_agent_and_beat_the_equal_weight_majority_of_the_same_signals(@TempDir Path tmp) {
        // Every agent states 0.6: only the learned weights can tell the skilled one apart.
        PlantedSkillRun.Result run = PlantedSkillRun.planted(tmp, DEFAULT_POLICY, FROM, TO, Map.of(
                "technical", Planted.at(0.68, 0.6), "risk", Planted.at(0.5, 0.6), "sentiment", Planted.at(0.5, 0.6),
                "macro", Planted.at(0.5, 0.6)), 12);

        assertTrue(run.decided() <= 1250 && run.decisions().size() >= 1200, "decided " + run.decided()
                + ", resolved " + run.decisions().size());
        assertSkilledLeadFrom(run, 150, List.of("technical"));
        Accuracy published = PlantedSkillRun.published(run.decisions());
        Accuracy majority = PlantedSkillRun.equalWeightMajority(run.decisions());
        String figures = figures(published, majority);
        System.out.println("planted, one skilled agent: " + figures);
        assertTrue(published.rate() >= 0.64, figures);
        assertTrue(published.rate() - majority.rate() >= 0.05, figures);
        assertTrue(published.coverage() >= 0.3, "the panel must still act: " + figures);
    }

    @Test
    void should_make_confidence_mean_accuracy_when_the_skilled_agent_knows_when_it_is_right(@TempDir Path tmp) {
        // technical: right 56 % at confidence 0.3, 68 % at 0.6, 80 % at 0.9; the others flip coins at any confidence.
        double[] levels = {0.3, 0.6, 0.9};
        PlantedSkillRun.Result run = PlantedSkillRun.planted(tmp, DEFAULT_POLICY, FROM, TO, Map.of(
                "technical", new Planted(0.68, 0.4, levels), "risk", new Planted(0.5, 0.0, levels),
                "sentiment", new Planted(0.5, 0.0, levels), "macro", new Planted(0.5, 0.0, levels)), 7);

        List<Accuracy> buckets = PlantedSkillRun.reliability(run.decisions(), 0.25, 0.45, 0.65, 1.01);
        String table = buckets.stream().map(b -> String.format(java.util.Locale.ROOT, "%.3f (n=%d)", b.rate(), b.calls())).toList().toString();
        System.out.println("planted, reliability [0.25, 0.45) [0.45, 0.65) [0.65, 1]: " + table);
        for (Accuracy bucket : buckets) {
            assertTrue(bucket.calls() >= 50, "every bucket is populated: " + table);
        }
        for (int i = 1; i < buckets.size(); i++) {
            assertTrue(buckets.get(i).rate() > buckets.get(i - 1).rate(), "accuracy rises with confidence: " + table);
        }
        assertTrue(buckets.get(buckets.size() - 1).rate() >= 0.72, "confident decisions are the skilled agent's best: " + table);
    }

    @Test
    void should_lean_on_two_skilled_agents_and_floor_an_anti_skilled_one(@TempDir Path tmp) {
        // The anti-skilled one is not the risk agent: the risk review's veto is by role, not by trust (see the README).
        PlantedSkillRun.Result run = PlantedSkillRun.planted(tmp, DEFAULT_POLICY, FROM, TO, Map.of(
                "technical", Planted.at(0.68, 0.6), "macro", Planted.at(0.66, 0.6), "sentiment", Planted.at(0.32, 0.6),
                "risk", Planted.at(0.5, 0.6)), 3);

        assertSkilledLeadFrom(run, 150, List.of("technical", "macro"));
        Map<String, Double> end = run.weights().get(run.weights().size() - 1).weights();
        assertEquals(BetaLogOddsPolicy.FLOOR, end.get("sentiment"), 1e-12, "reliably wrong: floored, not inverted " + end);
        Accuracy published = PlantedSkillRun.published(run.decisions());
        Accuracy majority = PlantedSkillRun.equalWeightMajority(run.decisions());
        String figures = figures(published, majority);
        System.out.println("planted, two skilled and one anti-skilled: " + figures);
        assertTrue(published.rate() >= 0.64, figures);
        assertTrue(published.rate() - majority.rate() >= 0.05, figures);
    }

    @Test
    void should_not_do_worse_than_equal_weights_on_the_rules_agents(@TempDir Path tmp) {
        // From the first session with every feature window to the last one resolvable in the sample.
        LocalDate from = LocalDate.of(2024, 1, 16);
        LocalDate to = LocalDate.of(2024, 12, 20);
        Accuracy learned = PlantedSkillRun.published(PlantedSkillRun.rules(tmp.resolve("learned"), DEFAULT_POLICY, from, to).decisions());
        // The baseline is plain equal weights: every vote weighs 1 and counts what it stated.
        Accuracy equal = PlantedSkillRun.published(PlantedSkillRun.rules(tmp.resolve("equal"), "equal", Pooling.STATED, from, to).decisions());

        double interval = 1.96 * Math.hypot(learned.standardError(), equal.standardError());
        String figures = String.format(java.util.Locale.ROOT, "%s %.4f (n=%d) vs equal %.4f (n=%d), 95%% interval of the difference +-%.4f",
                DEFAULT_POLICY, learned.rate(), learned.calls(), equal.rate(), equal.calls(), interval);
        System.out.println("rules agents: " + figures);
        assertTrue(learned.calls() >= 100 && equal.calls() >= 100, figures);
        assertTrue(learned.rate() - equal.rate() >= -interval, figures);
    }

    /** From the n-th resolved outcome on, every skilled agent outweighs every other agent. */
    private static void assertSkilledLeadFrom(PlantedSkillRun.Result run, long n, List<String> skilled) {
        for (PlantedSkillRun.WeightsAfter after : run.weights()) {
            if (after.outcomes() < n) {
                continue;
            }
            double weakestSkilled = skilled.stream().mapToDouble(a -> after.weights().get(a)).min().orElseThrow();
            double strongestOther = after.weights().entrySet().stream().filter(e -> !skilled.contains(e.getKey()))
                    .mapToDouble(Map.Entry::getValue).max().orElseThrow();
            assertTrue(weakestSkilled > strongestOther, "after " + after.outcomes() + " outcomes: " + after.weights());
        }
    }

    private static String figures(Accuracy published, Accuracy majority) {
        return String.format(java.util.Locale.ROOT, "published %.4f (coverage %.3f, n=%d) vs equal-weight majority %.4f (coverage %.3f)",
                published.rate(), published.coverage(), published.calls(), majority.rate(), majority.coverage());
    }
}
