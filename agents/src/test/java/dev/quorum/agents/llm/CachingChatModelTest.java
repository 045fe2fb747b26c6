package dev.quorum.agents.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CachingChatModelTest {

    @Test
    void should_ask_a_prompt_once_when_it_is_asked_twice_at_once_and_answer_both_with_its_reply() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ChatModel slow = new ChatModel() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                int call = asked.incrementAndGet();
                entered.countDown();
                try {
                    release.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ChatResponse.builder().aiMessage(AiMessage.from("reply " + call)).tokenUsage(new TokenUsage(10, 2)).build();
            }
        };
        Map<ReplyKey, ResponseCache.CachedReply> stored = new ConcurrentHashMap<>();
        AtomicInteger hits = new AtomicInteger();
        ResponseCache cache = new ResponseCache() {
            @Override
            public Optional<CachedReply> find(ReplyKey key) {
                Optional<CachedReply> reply = Optional.ofNullable(stored.get(key));
                reply.ifPresent(r -> hits.incrementAndGet());
                return reply;
            }

            @Override
            public void store(ReplyKey key, CachedReply reply) {
                stored.putIfAbsent(key, reply);
            }
        };
        var asking = new ConcurrentHashMap<ReplyKey, CompletableFuture<Void>>();
        // Two endpoints' models of one client, sharing what is being asked.
        CachingChatModel first = new CachingChatModel(slow, "m", GenerationOptions.DEFAULT, cache, asking);
        CachingChatModel second = new CachingChatModel(slow, "m", GenerationOptions.DEFAULT, cache, asking);
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("the same prompt")).build();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<ChatResponse> one = CompletableFuture.supplyAsync(() -> first.chat(request), threads);
            entered.await(1, TimeUnit.MINUTES);
            AtomicReference<Thread> waiter = new AtomicReference<>();
            CompletableFuture<ChatResponse> other = CompletableFuture.supplyAsync(() -> {
                waiter.set(Thread.currentThread());
                return second.chat(request);
            }, threads);
            // The second call is parked (on the first's reply, or, were it asked again, inside the slow model).
            while (waiter.get() == null || waiter.get().getState() != Thread.State.WAITING
                    && waiter.get().getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            release.countDown();

            assertEquals("reply 1", one.get(1, TimeUnit.MINUTES).aiMessage().text());
            assertEquals("reply 1", other.get(1, TimeUnit.MINUTES).aiMessage().text());
            assertEquals(1, asked.get(), "the model was asked once");
            assertEquals(1, hits.get(), "the second call was answered from the cache");
            assertEquals(0, asking.size());
        } finally {
            threads.shutdownNow();
        }
    }
}
