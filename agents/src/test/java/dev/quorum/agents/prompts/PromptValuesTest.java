package dev.quorum.agents.prompts;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.features.FeatureKeys;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PromptValuesTest {

    @Test
    void should_show_fractions_as_percentages_and_other_values_as_they_are() {
        Map<String, String> values = PromptValues.forAgent(new AgentInput("NVDA", LocalDate.parse("2024-06-03"), Map.of(
                FeatureKeys.RETURN_5D, 0.0251, FeatureKeys.MAX_DRAWDOWN_60D, -0.2, FeatureKeys.REALIZED_VOL_20D, 0.4512,
                FeatureKeys.RSI_14, 61.234, FeatureKeys.VIX_LEVEL, 13.11), List.of(), ""), DataBlockLimits.DEFAULT);

        assertEquals("2.5%", values.get(FeatureKeys.RETURN_5D));
        assertEquals("-20.0%", values.get(FeatureKeys.MAX_DRAWDOWN_60D));
        assertEquals("45.1%", values.get(FeatureKeys.REALIZED_VOL_20D));
        assertEquals("61.234", values.get(FeatureKeys.RSI_14));
        assertEquals("13.11", values.get(FeatureKeys.VIX_LEVEL));
    }
}
