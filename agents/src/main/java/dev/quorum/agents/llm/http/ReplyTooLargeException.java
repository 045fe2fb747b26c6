package dev.quorum.agents.llm.http;

import dev.quorum.envelope.redis.RedisUrl;

/**
 * A reply (answer or error body) longer than {@link BlockingHttpClient#MAX_REPLY_BYTES}: the client stopped reading
 * at the cap and hung up. No Ollama reply Quorum asks for comes near it, so the endpoint is misbehaving (a broken
 * proxy, a hostile server), not the model answering at length.
 */
public final class ReplyTooLargeException extends RuntimeException {

    /** @param url the request's URL; shown without user-info */
    ReplyTooLargeException(String url, long capBytes) {
        super("reply from " + RedisUrl.redact(url) + " cut at the reply size cap of " + capBytes / (1024 * 1024)
                + " MiB (" + capBytes + " bytes) and the connection closed");
    }
}
