package dev.quorum.agents.prompts;

import dev.quorum.agents.AgentInput;

import java.util.Map;

/**
 * Keeps a specialist's call within a token budget: system and user message together, counted as characters / 4
 * (what the Ollama test server reports as {@code prompt_eval_count} and the README's prompt sizes use). Only the
 * untrusted data blocks give way: when the whole prompt is over the budget, the news block and the
 * similar-situations block share the room the rest of the prompt leaves (a block smaller than half of it keeps all
 * it needs, the other takes the rest). The news block keeps its newest items and says how many older ones it
 * omitted; the memory block is cut at the end. A prompt whose fixed part alone is over the budget is sent as
 * small as the blocks can make it.
 */
public final class PromptBudget {

    /** Issue 14: at most 600 tokens per agent call, system prompt included. */
    public static final PromptBudget DEFAULT = new PromptBudget(600);
    private static final int CHARS_PER_TOKEN = 4;
    /** Narrowing passes: each takes off what the previous one was still over (fences, item markers, notes). */
    private static final int PASSES = 4;

    private final int maxTokens;

    public PromptBudget(int maxTokens) {
        if (maxTokens < 100) {
            throw new IllegalArgumentException("a prompt budget below 100 tokens leaves no room for the prompt itself: " + maxTokens);
        }
        this.maxTokens = maxTokens;
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** The size of a rendered prompt in tokens as the budget counts them. */
    public static int tokens(RenderedPrompt prompt) {
        return (prompt.system().length() + prompt.user().length()) / CHARS_PER_TOKEN;
    }

    /** The prompt for {@code input}, its data blocks narrowed until it fits the budget (when they can make it fit). */
    public RenderedPrompt render(PromptTemplate template, AgentInput input, DataBlockLimits limits, PromptMode mode) {
        Map<String, String> values = PromptValues.forAgent(input, limits, mode);
        RenderedPrompt prompt = template.render(values);
        int over = overBy(prompt);
        if (over <= 0) {
            return prompt;
        }
        int news = values.getOrDefault(PromptVocabulary.NEWS, "").length();
        int memory = values.getOrDefault(PromptVocabulary.SIMILAR_SITUATIONS, "").length();
        int room = Math.max(0, news + memory - over);
        for (int pass = 0; pass < PASSES && over > 0; pass++) {
            int[] share = share(room, news, memory);
            prompt = template.render(PromptValues.forAgent(input, limits.within(share[0], share[1]), mode));
            over = overBy(prompt);
            room -= Math.max(over, 0);
        }
        return prompt;
    }

    private int overBy(RenderedPrompt prompt) {
        return prompt.system().length() + prompt.user().length() - maxTokens * CHARS_PER_TOKEN;
    }

    /** How {@code room} characters are split between the news ({@code news} long) and the memory block. */
    static int[] share(int room, int news, int memory) {
        int half = room / 2;
        if (news + memory <= room) {
            return new int[] {news, memory};
        }
        if (memory <= half) {
            return new int[] {room - memory, memory};
        }
        if (news <= half) {
            return new int[] {news, room - news};
        }
        return new int[] {half, room - half};
    }
}
