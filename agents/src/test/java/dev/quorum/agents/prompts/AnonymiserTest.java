package dev.quorum.agents.prompts;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.features.FeatureCalculator;
import dev.quorum.agents.features.FeatureKeys;
import dev.quorum.agents.llm.GenerationOptions;
import dev.quorum.agents.llm.ReplyKey;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnonymiserTest {

    private static final AgentInput NVDA = new AgentInput("NVDA", LocalDate.parse("2024-06-03"), Map.of(
            FeatureKeys.CLOSE, 1150.0, FeatureKeys.SMA_50, 920.0, FeatureKeys.MACD, 23.0, FeatureKeys.RETURN_5D, 0.03,
            FeatureKeys.VIX_LEVEL, 13.11, FeatureKeys.US10Y_YIELD, 4.5, FeatureKeys.US10Y_AS_OF, "2024-04"),
            List.of("Nvidia (NVDA) beats estimates; NVIDIA Corporation raises guidance", "nvda-linked ETF flows"),
            "2024-05-01 NVDA: BUY, +3.1% in 5 sessions");

    @Test
    void should_give_a_stable_alias_that_does_not_reveal_the_ticker() {
        assertEquals(Anonymiser.alias("NVDA"), Anonymiser.alias("NVDA"));
        assertNotEquals(Anonymiser.alias("NVDA"), Anonymiser.alias("AAPL"));
        assertTrue(Anonymiser.alias("NVDA").matches("STOCK-[0-9A-F]{4}"), Anonymiser.alias("NVDA"));
    }

    @Test
    void should_render_no_ticker_company_name_or_calendar_date_and_rescale_prices_to_a_close_of_100() throws Exception {
        PromptRepository prompts = new PromptRepository(ProjectPaths.root().resolve("prompts"));
        for (String role : List.of("technical", "risk", "sentiment", "macro")) {
            RenderedPrompt prompt = prompts.current(role).render(PromptValues.forAgent(NVDA, DataBlockLimits.DEFAULT, PromptMode.ANONYMISED));
            String text = prompt.system() + "\n" + prompt.user();

            assertFalse(text.matches("(?is).*\\b(nvda|nvidia)\\b.*"), role + ":\n" + text);
            assertFalse(text.matches("(?s).*\\d{4}-\\d{2}(-\\d{2})?.*"), role + ":\n" + text);
            assertTrue(text.contains(Anonymiser.alias("NVDA") + " at the close of session t"), role + ":\n" + text);
        }
        Map<String, String> values = PromptValues.forAgent(NVDA, DataBlockLimits.DEFAULT, PromptMode.ANONYMISED);
        assertEquals("100", values.get(FeatureKeys.CLOSE));
        assertEquals("80", values.get(FeatureKeys.SMA_50));
        assertEquals("2", values.get(FeatureKeys.MACD));
        assertEquals("3.0%", values.get(FeatureKeys.RETURN_5D));
        assertEquals("13.11", values.get(FeatureKeys.VIX_LEVEL), "market-wide levels stay");
        assertEquals("2 months before session t", values.get(FeatureKeys.US10Y_AS_OF));
        assertEquals("2024-04", PromptValues.forAgent(NVDA, DataBlockLimits.DEFAULT, PromptMode.LIVE).get(FeatureKeys.US10Y_AS_OF));
        assertTrue(values.get(PromptVocabulary.NEWS).contains("the company (the company) beats estimates; the company raises guidance"),
                values.get(PromptVocabulary.NEWS));
        assertEquals("", values.get(PromptVocabulary.SIMILAR_SITUATIONS), "past decisions carry real tickers and dates");
    }

    @Test
    void should_show_a_daily_10y_yield_with_its_source_and_day_and_anonymise_the_day() throws Exception {
        AgentInput daily = new AgentInput("NVDA", LocalDate.parse("2024-06-03"), Map.of(FeatureKeys.US10Y_YIELD, 4.51,
                FeatureKeys.US10Y_AS_OF, "2024-05-31", FeatureKeys.US10Y_SOURCE, FeatureCalculator.US10Y_DAILY_SOURCE,
                FeatureKeys.US10Y_CHANGE_3M, 0.25), List.of(), "");
        PromptTemplate macro = new PromptRepository(ProjectPaths.root().resolve("prompts")).current("macro");

        String live = macro.render(PromptValues.forAgent(daily, DataBlockLimits.DEFAULT, PromptMode.LIVE)).user();
        assertTrue(live.contains("Rates (daily DGS10, published the next session): US 10y yield 4.51% as of 2024-05-31,"
                + " 3-month change 0.25 pp"), live);
        String anonymised = macro.render(PromptValues.forAgent(daily, DataBlockLimits.DEFAULT, PromptMode.ANONYMISED)).user();
        assertTrue(anonymised.contains("as of 3 days before session t,"), anonymised);
        String monthly = macro.render(PromptValues.forAgent(NVDA, DataBlockLimits.DEFAULT, PromptMode.LIVE)).user();
        assertTrue(monthly.contains("Rates (monthly, lagged): US 10y yield 4.5% as of 2024-04,"), monthly);
    }

    @Test
    void should_key_cached_replies_apart_for_live_and_anonymised_prompts() throws Exception {
        PromptTemplate technical = new PromptRepository(ProjectPaths.root().resolve("prompts")).current("technical");
        RenderedPrompt live = technical.render(PromptValues.forAgent(NVDA, DataBlockLimits.DEFAULT, PromptMode.LIVE));
        RenderedPrompt anonymised = technical.render(PromptValues.forAgent(NVDA, DataBlockLimits.DEFAULT, PromptMode.ANONYMISED));

        assertNotEquals(ReplyKey.of("m", List.of(SystemMessage.from(live.system()), UserMessage.from(live.user())), GenerationOptions.DEFAULT, "{}"),
                ReplyKey.of("m", List.of(SystemMessage.from(anonymised.system()), UserMessage.from(anonymised.user())), GenerationOptions.DEFAULT, "{}"));
    }
}
