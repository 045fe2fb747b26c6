package dev.quorum.agents.prompts;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.features.FeatureKeys;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sentiment prompt with the longest news and recall blocks the caps allow stays within 600 tokens. */
class PromptBudgetTest {

    private static final Map<String, Object> FEATURES = Map.of(FeatureKeys.SENTIMENT_SCORE, 3.8,
            FeatureKeys.HEADLINE_COUNT_5D, 30, FeatureKeys.RETURN_1D, 0.012, FeatureKeys.RETURN_5D, 0.034,
            FeatureKeys.VOLUME_ZSCORE_20D, 1.4);

    /** 30 headlines of 300 characters, numbered oldest (0) to newest (29). */
    private static List<String> headlines() {
        List<String> headlines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String start = "2024-06-0" + (1 + i / 10) + " news: item " + i + " ";
            headlines.add(start + "x".repeat(300 - start.length()));
        }
        return headlines;
    }

    private static RenderedPrompt render(AgentInput input, PromptBudget budget) throws Exception {
        PromptRepository prompts = new PromptRepository(ProjectPaths.root().resolve("prompts"));
        return budget.render(prompts.current("sentiment"), input, DataBlockLimits.DEFAULT, PromptMode.LIVE);
    }

    @Test
    void should_narrow_a_full_news_and_recall_block_to_the_budget_keeping_the_newest_headlines() throws Exception {
        AgentInput input = new AgentInput("AAPL", LocalDate.parse("2024-06-03"), FEATURES, headlines(),
                "2024-05-01 AAPL: BUY, +3.1% in 5 sessions. " + "m".repeat(3_000));

        RenderedPrompt prompt = render(input, PromptBudget.DEFAULT);

        assertTrue(PromptBudget.tokens(prompt) <= 600, PromptBudget.tokens(prompt) + " tokens:\n" + prompt.user());
        String user = prompt.user();
        Matcher omitted = Pattern.compile("\\((\\d+) older items omitted\\)").matcher(user);
        assertTrue(omitted.find(), user);
        List<Integer> kept = new ArrayList<>();
        Matcher item = Pattern.compile("- 2024-06-0\\d news: item (\\d+) ").matcher(user);
        while (item.find()) {
            kept.add(Integer.parseInt(item.group(1)));
        }
        assertFalse(kept.isEmpty(), user);
        assertEquals(30, kept.size() + Integer.parseInt(omitted.group(1)), "every headline kept or counted as omitted: " + user);
        assertEquals(29, kept.get(kept.size() - 1), "the newest headline is kept");
        for (int i = 1; i < kept.size(); i++) {
            assertEquals(kept.get(i - 1) + 1, kept.get(i), "the newest ones, consecutive: " + kept);
        }
        assertTrue(user.contains("<<<MEMORY") && user.contains("MEMORY>>>"), "the recall block stays, shortened: " + user);
    }

    @Test
    void should_leave_a_prompt_within_the_budget_as_it_is() throws Exception {
        AgentInput input = new AgentInput("AAPL", LocalDate.parse("2024-06-03"), FEATURES, headlines().subList(28, 30), "");
        PromptRepository prompts = new PromptRepository(ProjectPaths.root().resolve("prompts"));

        assertEquals(prompts.current("sentiment").render(PromptValues.forAgent(input, DataBlockLimits.DEFAULT)),
                render(input, PromptBudget.DEFAULT));
    }

    @Test
    void should_share_the_room_so_a_small_block_keeps_all_it_needs() {
        assertArrayEquals(new int[] {300, 200}, PromptBudget.share(1_000, 300, 200), "both fit");
        assertArrayEquals(new int[] {800, 200}, PromptBudget.share(1_000, 4_000, 200), "small memory kept whole");
        assertArrayEquals(new int[] {300, 700}, PromptBudget.share(1_000, 300, 3_000), "small news kept whole");
        assertArrayEquals(new int[] {500, 500}, PromptBudget.share(1_000, 4_000, 3_000), "both large: halves");
    }
}
