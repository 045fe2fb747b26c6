package dev.quorum.agents.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.quorum.agents.llm.http.CallDeadline;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A chat model that answers from a {@link ResponseCache} when it can and stores what the model says otherwise. A
 * cached reply carries the token counts of the original call, so telemetry (and the envelope) stays identical; the
 * cache itself counts what was really spent.
 * <p>
 * A prompt already being asked (through any endpoint of the same client) is not asked a second time: the call waits
 * for that reply to be stored and is answered from the cache, as it would have been a moment later. So two decisions
 * asking the same prompt at once (a pipelined backtest asks several sessions' agents together) get the same reply and
 * the same cache counts as when they ask one after the other. The waiting call keeps its endpoint slot meanwhile.
 */
final class CachingChatModel implements ChatModel {

    private final ChatModel model;
    private final String modelName;
    private final GenerationOptions options;
    private final ResponseCache cache;
    private final ConcurrentMap<ReplyKey, CompletableFuture<Void>> asking;

    /** @param asking the prompts being asked right now, shared by every endpoint's model of one client */
    CachingChatModel(ChatModel model, String modelName, GenerationOptions options, ResponseCache cache,
                     ConcurrentMap<ReplyKey, CompletableFuture<Void>> asking) {
        this.model = model;
        this.modelName = modelName;
        this.options = options;
        this.cache = cache;
        this.asking = asking;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        ReplyKey key = ReplyKey.of(modelName, request.messages(), options, String.valueOf(request.responseFormat()));
        CompletableFuture<Void> mine = new CompletableFuture<>();
        for (CompletableFuture<Void> other = asking.putIfAbsent(key, mine); other != null; other = asking.putIfAbsent(key, mine)) {
            try {
                // No longer than this call may take (the decision's deadline): the other asker may have more time.
                Optional<Duration> timeLeft = CallDeadline.remaining();
                if (timeLeft.isPresent()) {
                    other.get(timeLeft.get().toNanos(), TimeUnit.NANOSECONDS);
                } else {
                    other.get();
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw new TimeoutException("the same prompt, asked by another call, was not answered in the time left");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return model.chat(request);
            } catch (ExecutionException e) {
                // never completed exceptionally: the asker completes it however its call ended
            }
        }
        try {
            return answer(key, request);
        } finally {
            asking.remove(key, mine);
            mine.complete(null);
        }
    }

    private ChatResponse answer(ReplyKey key, ChatRequest request) {
        Optional<ResponseCache.CachedReply> cached = cache.find(key);
        if (cached.isPresent()) {
            ResponseCache.CachedReply reply = cached.get();
            return ChatResponse.builder().aiMessage(AiMessage.from(reply.content()))
                    .tokenUsage(new TokenUsage((int) reply.promptTokens(), (int) reply.completionTokens())).modelName(modelName).build();
        }
        ChatResponse response = model.chat(request);
        TokenUsage usage = response.metadata() == null ? null : response.metadata().tokenUsage();
        String content = response.aiMessage() == null ? null : response.aiMessage().text();
        if (content != null) {
            cache.store(key, new ResponseCache.CachedReply(content,
                    usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                    usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount()));
        }
        return response;
    }
}
