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

    @Test
    void should_show_each_input_its_own_features_when_formatting_is_shared() {
        LocalDate day = LocalDate.parse("2024-06-03");
        AgentInput calm = new AgentInput("NVDA", day, Map.of(FeatureKeys.RSI_14, 61.234, FeatureKeys.RETURN_5D, 0.0251), List.of(), "");
        AgentInput stormy = new AgentInput("NVDA", day, Map.of(FeatureKeys.RSI_14, 18.5, FeatureKeys.RETURN_5D, -0.118), List.of(), "");
        AgentInput calmAgain = new AgentInput("MSFT", day, Map.of(FeatureKeys.RSI_14, 61.234, FeatureKeys.RETURN_5D, 0.0251), List.of(), "");

        Map<String, String> first = PromptValues.forAgent(calm, DataBlockLimits.DEFAULT);
        Map<String, String> second = PromptValues.forAgent(stormy, DataBlockLimits.DEFAULT);
        Map<String, String> third = PromptValues.forAgent(calmAgain, DataBlockLimits.DEFAULT);

        assertEquals("61.234", first.get(FeatureKeys.RSI_14));
        assertEquals("18.5", second.get(FeatureKeys.RSI_14));
        assertEquals("-11.8%", second.get(FeatureKeys.RETURN_5D));
        assertEquals("2.5%", third.get(FeatureKeys.RETURN_5D));
        assertEquals("MSFT", third.get(PromptVocabulary.TICKER), "the features' formatting is shared, the rest is the input's own");
        first.put(FeatureKeys.RSI_14, "edited by a caller");
        assertEquals("61.234", PromptValues.forAgent(calm, DataBlockLimits.DEFAULT).get(FeatureKeys.RSI_14),
                "a caller's edit of its values stays its own");
    }
}
