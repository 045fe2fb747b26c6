package dev.quorum.agents.prompts;

/**
 * How prompts name what they describe. A model trained after a backtest's window remembers what happened to
 * "NVDA on 2024-06-03": replaying history with real names lets it answer from hindsight. {@link #ANONYMISED}
 * removes what identifies the stock and the day (see {@link Anonymiser}); {@link #LIVE} shows them as they are.
 */
public enum PromptMode {
    LIVE,
    ANONYMISED
}
