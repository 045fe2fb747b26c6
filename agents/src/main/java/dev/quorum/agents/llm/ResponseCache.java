package dev.quorum.agents.llm;

import java.util.Optional;

/**
 * Stored LLM replies keyed by everything that determines them (model, prompt, input, generation options), so a
 * replay with unchanged prompts makes no LLM call and gets the very same replies. Implementations are thread-safe.
 */
public interface ResponseCache {

    Optional<CachedReply> find(ReplyKey key);

    /** Stores a reply the model just gave; storing the same key again keeps the first reply. */
    void store(ReplyKey key, CachedReply reply);

    /** A model's reply with the tokens it cost when it was made. */
    record CachedReply(String content, long promptTokens, long completionTokens) {
    }
}
