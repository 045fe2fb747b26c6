package dev.quorum.agents.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

import java.util.Optional;

/**
 * A chat model that answers from a {@link ResponseCache} when it can and stores what the model says otherwise. A
 * cached reply carries the token counts of the original call, so telemetry (and the envelope) stays identical; the
 * cache itself counts what was really spent.
 */
final class CachingChatModel implements ChatModel {

    private final ChatModel model;
    private final String modelName;
    private final GenerationOptions options;
    private final ResponseCache cache;

    CachingChatModel(ChatModel model, String modelName, GenerationOptions options, ResponseCache cache) {
        this.model = model;
        this.modelName = modelName;
        this.options = options;
        this.cache = cache;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        ReplyKey key = ReplyKey.of(modelName, request.messages(), options, String.valueOf(request.responseFormat()));
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
