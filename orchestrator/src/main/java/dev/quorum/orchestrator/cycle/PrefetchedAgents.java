package dev.quorum.orchestrator.cycle;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.AgentOutcome;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The specialist agents' answers for a (ticker, trade date), asked ahead of its decision (a pipelined backtest,
 * {@link DecisionCycle#askAhead}). The decision takes them only when they were asked with exactly the input it gives
 * its agents: the same features and headlines, and the same similar-situations block unless the prompts leave it out;
 * otherwise it asks its agents itself, as it always does. Asking ahead can so cost calls, never change a decision.
 */
public final class PrefetchedAgents {

    /** How many answers asked ahead decisions took, and how many they could not (asked with another input, or failed). */
    public record Stats(long taken, long discarded) {
    }

    /**
     * What the agents were asked and answered.
     *
     * @param recallInPrompts whether the agents' prompts carry the similar-situations block (off in anonymised prompts)
     * @param budget          the decision's budget, with the agents' calls taken from it
     * @param answeredAt      when the last agent answered: the decision's budget resumes from there
     */
    record Answer(AgentInput asked, boolean recallInPrompts, DecisionBudget budget, List<AgentOutcome> outcomes,
                  Instant answeredAt) {

        /** Whether these are the answers to {@code input}: what the prompts show of it is the same. */
        boolean answers(AgentInput input) {
            return asked.equals(recallInPrompts ? input : withoutRecall(input));
        }
    }

    private record Key(String ticker, LocalDate tradeDate) {
    }

    private final ConcurrentMap<Key, CompletableFuture<Answer>> asked = new ConcurrentHashMap<>();
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();

    static AgentInput withoutRecall(AgentInput input) {
        return new AgentInput(input.ticker(), input.tradeDate(), input.features(), input.headlines(), "");
    }

    /** Holds the place of an answer being asked; the decision of (ticker, trade date) waits for it. */
    CompletableFuture<Answer> expect(String ticker, LocalDate tradeDate) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        if (asked.putIfAbsent(new Key(ticker, tradeDate), answer) != null) {
            throw new IllegalStateException(ticker + " " + tradeDate + " is already asked ahead");
        }
        return answer;
    }

    /** Whether the agents of (ticker, trade date) are being asked, or were asked, ahead of its decision. */
    boolean expects(String ticker, LocalDate tradeDate) {
        return asked.containsKey(new Key(ticker, tradeDate));
    }

    /**
     * The answers asked ahead for the decision's {@code input}, waiting for them while they are being asked; empty
     * when none were asked, or they were asked with another input, or asking failed.
     */
    Optional<Answer> take(AgentInput input) throws InterruptedException {
        CompletableFuture<Answer> answer = asked.remove(new Key(input.ticker(), input.tradeDate()));
        if (answer == null) {
            return Optional.empty();
        }
        try {
            Answer answered = answer.get();
            if (answered.answers(input)) {
                taken.incrementAndGet();
                return Optional.of(answered);
            }
        } catch (ExecutionException | CancellationException e) {
            // Asked again by the decision, which meets the same failure, if any, where it always has.
        }
        discarded.incrementAndGet();
        return Optional.empty();
    }

    /** Forgets every answer not taken (a walk that stopped); a decision waiting for one asks its agents itself. */
    void clear() {
        asked.values().forEach(answer -> answer.cancel(false));
        asked.clear();
    }

    Stats stats() {
        return new Stats(taken.get(), discarded.get());
    }
}
