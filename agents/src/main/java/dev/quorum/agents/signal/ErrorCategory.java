package dev.quorum.agents.signal;

/** Why an agent failed, in the categories of seed 002's error store. */
public enum ErrorCategory {
    /** Endpoint unreachable, timeout, 5xx (other than a crashed model runner), server busy, a reply over the size cap. */
    NETWORK,
    /**
     * Model missing (404), its runner crashed (500 "llama runner process has terminated"), or its output was not
     * valid JSON / broke the schema / was out of bounds.
     */
    MODEL,
    /** The agent's inputs were missing or unusable (no bars for the date, bad file). */
    DATA,
    /** A bug or a refused request (400, template error). */
    LOGIC,
    /** The decision's LLM budget (calls or wall time) was spent before the agent could answer. */
    BUDGET,
    /** A broker or exchange API refused or failed (rejected order, rate limit): seed 002's EXCHANGE. */
    EXCHANGE,
    /** Unexpected market conditions (halted symbol, closed session, a gap beyond the model's range): seed 002's MARKET. */
    MARKET
}
