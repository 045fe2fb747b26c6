package dev.quorum.orchestrator.backtest;

import dev.quorum.memory.trust.AgentSkill;
import dev.quorum.orchestrator.backtest.PlantedSkillRun.Accuracy;
import dev.quorum.orchestrator.backtest.PlantedSkillRun.Planted;
import dev.quorum.orchestrator.consensus.Pooling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance of calibrated pooling (issue 12, point 3): an over-confident agent (states 0.9, right half the time)
 * beside a skilled one (states 0.55, right 68 %) and two coin flips (state 0.6), run through the production
 * walk-forward on the shipped sample once per pooling. The trust policy is {@code equal}, so the calibration is the
 * only thing that learns: under stated pooling the loudest voice leads, under calibrated pooling the record does.
 */
class CalibratedPoolingBacktestTest {

    static final Map<String, Planted> PANEL = Map.of(
            "technical", Planted.at(0.68, 0.55), "macro", Planted.at(0.5, 0.9),
            "sentiment", Planted.at(0.5, 0.6), "risk", Planted.at(0.5, 0.6));

    @Test
    void should_discount_an_over_confident_agent_by_its_record_and_call_more_directions_right(@TempDir Path tmp) {
        PlantedSkillRun.Result calibrated = run(tmp, Pooling.CALIBRATED);
        PlantedSkillRun.Result stated = run(tmp, Pooling.STATED);

        Accuracy withCalibration = PlantedSkillRun.published(calibrated.decisions());
        Accuracy asStated = PlantedSkillRun.published(stated.decisions());
        String figures = String.format(Locale.ROOT, "calibrated %.4f (n=%d, coverage %.3f) vs stated %.4f (n=%d, coverage %.3f)",
                withCalibration.rate(), withCalibration.calls(), withCalibration.coverage(), asStated.rate(), asStated.calls(),
                asStated.coverage());
        System.out.println("over-confident agent, equal trust: " + figures);
        assertTrue(withCalibration.rate() - asStated.rate() >= 0.05, figures);
        assertTrue(withCalibration.coverage() >= 0.25, "the panel must still act: " + figures);

        // What the walk learned by its end: 0.9 from the over-confident agent means a coin flip, and counts as one.
        AgentSkill overConfident = calibrated.skills().get("macro");
        AgentSkill skilled = calibrated.skills().get("technical");
        String learned = String.format(Locale.ROOT, "macro calibrated(0.9) %.4f, pooled %.4f; technical pooled(0.55) %.4f",
                overConfident.calibrated(0.9), overConfident.pooledConfidence(0.9), skilled.pooledConfidence(0.55));
        System.out.println("over-confident agent, what was learned: " + learned);
        assertTrue(Math.abs(overConfident.calibrated(0.9) - 0.5) <= 0.05, learned);
        assertTrue(overConfident.pooledConfidence(0.9) <= 0.55, learned);
        assertTrue(skilled.pooledConfidence(0.55) >= 0.6, "an under-confident skilled agent is raised: " + learned);
    }

    private static PlantedSkillRun.Result run(Path tmp, Pooling pooling) {
        return PlantedSkillRun.planted(tmp.resolve(pooling.configName()), "equal", pooling, PlantedSkillBacktestTest.FROM,
                PlantedSkillBacktestTest.TO, PANEL, 12);
    }
}
