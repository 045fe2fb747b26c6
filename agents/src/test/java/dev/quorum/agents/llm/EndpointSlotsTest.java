package dev.quorum.agents.llm;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointSlotsTest {

    @Test
    void should_leave_a_free_slot_to_a_waiting_call_when_the_call_gives_way() throws Exception {
        EndpointSlots slots = new EndpointSlots();
        OllamaEndpoint a = new OllamaEndpoint("http://127.0.0.1:1", 1);
        OllamaEndpoint b = new OllamaEndpoint("http://127.0.0.1:2", 1);
        EndpointSlots.Slot held = slots.acquire(List.of(a), e -> 0, Duration.ZERO).orElseThrow();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            // A decision's call waits for a slot on a (full).
            CompletableFuture<Optional<EndpointSlots.Slot>> decision = CompletableFuture.supplyAsync(() -> {
                try {
                    return slots.acquire(List.of(a), e -> 0, Duration.ofMinutes(1));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, thread);
            while (slots.waitingFirst() == 0) {
                Thread.onSpinWait();
            }

            assertTrue(slots.acquire(List.of(b), e -> 0, Duration.ZERO, true).isEmpty(),
                    "a call asked ahead takes no slot while a decision's call waits");
            EndpointSlots.Slot taken = slots.acquire(List.of(b), e -> 0, Duration.ZERO, false).orElseThrow();
            taken.close();

            held.close();
            EndpointSlots.Slot decided = decision.get(1, TimeUnit.MINUTES).orElseThrow();
            assertEquals(a, decided.endpoint());
            assertEquals(0, slots.waitingFirst());
            Optional<EndpointSlots.Slot> ahead = slots.acquire(List.of(b), e -> 0, Duration.ZERO, true);
            assertTrue(ahead.isPresent(), "nothing waits now: the call asked ahead takes the free slot");
            assertFalse(slots.acquire(List.of(b), e -> 0, Duration.ZERO, false).isPresent(), "b holds one call at most");
        } finally {
            thread.shutdownNow();
        }
    }
}
