package dev.quorum.orchestrator.cycle;

import dev.quorum.agents.AgentInput;
import dev.quorum.memory.recall.ResilientSituationMemory;
import dev.quorum.memory.recall.SimilarSituationsBlock;
import dev.quorum.memory.recall.Situation;
import dev.quorum.memory.recall.SituationMemory;
import dev.quorum.orchestrator.datasync.Staleness;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a ticker's agents are given, in two steps: its staleness verdict and features, then the similar situations
 * recalled for those features. A cycle prepares them {@linkplain InputsAhead ahead of the ticker's turn}; a ticker
 * whose preparation has not started by its turn (nothing prepares a lone decision) computes them then, on its own
 * thread, one step at a time. Either way the values are the same: features are point-in-time, and recall sees the
 * outcomes resolved before the cycle (deciding indexes nothing).
 *
 * <p>Prepared while an earlier ticker's decision waits on its models, a ticker can also have its panel prepared for
 * that input ({@link PanelRunner#prepare}: the LLM agents' prompts read and rendered), so that its decision only asks.
 * Its decision runs that panel; a ticker prepared without it has its agents prepare their own, each on its thread.
 */
final class TickerInputs {

    /** The ticker's freshness and its features as of the session its prices allow. */
    record Features(Staleness.Verdict freshness, AgentInput bare) {
    }

    /**
     * @param queried whether the memory was asked (there is one and {@code recall_k} is above 0)
     * @param block   the prompt's similar-situations block, empty when not queried
     * @param problem why the store could not answer, when it could not (the decision is degraded then)
     */
    record Recalled(boolean queried, String block, Optional<String> problem) {

        static final Recalled NOT_QUERIED = new Recalled(false, "", Optional.empty());
    }

    private final CycleParts parts;
    private final String ticker;
    private final LocalDate tradeDate;
    // Whoever claims the inputs first computes them: the preparing thread both steps at once, or the ticker's own
    // thread each step when asked for it (so its phase timings still tell features from recall).
    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile boolean computedAtTurn;
    private final CompletableFuture<Features> features = new CompletableFuture<>();
    private final CompletableFuture<Recalled> recalled = new CompletableFuture<>();
    private final CompletableFuture<Optional<PanelRunner.PreparedPanel>> panel = new CompletableFuture<>();

    TickerInputs(CycleParts parts, String ticker, LocalDate tradeDate) {
        this.parts = parts;
        this.ticker = ticker;
        this.tradeDate = tradeDate;
    }

    String ticker() {
        return ticker;
    }

    LocalDate tradeDate() {
        return tradeDate;
    }

    /**
     * Computes both steps on this thread, unless the ticker's turn came first.
     *
     * @param withPanel whether to prepare the agents' panel for the input as well
     */
    void prepare(boolean withPanel) {
        if (claimed.compareAndSet(false, true)) {
            computeFeaturesStep();
            computeRecallStep();
            Optional<PanelRunner.PreparedPanel> ready = Optional.empty();
            try {
                ready = withPanel ? preparedPanel() : Optional.empty();
            } catch (RuntimeException e) {
                // The decision's agents prepare their own then, and meet what failed there.
            } finally {
                panel.complete(ready);
            }
        }
    }

    /**
     * The features, computed now if nothing prepared them, or waited for if their preparation is under way.
     *
     * @throws RuntimeException what computing them threw ({@code MarketDataException} for an unknown ticker, ...)
     */
    Features features() throws InterruptedException {
        if (claimed.compareAndSet(false, true)) {
            computedAtTurn = true;
            computeFeaturesStep();
        }
        return await(features);
    }

    /** The similar situations recalled for {@link #features()}, which must have been asked for first. */
    Recalled recalled() throws InterruptedException {
        if (computedAtTurn && !recalled.isDone()) {
            computeRecallStep();
        }
        return await(recalled);
    }

    /**
     * The panel prepared for {@link #agentInput} of this ticker's features and recall, when its preparation included
     * it (waited for while under way); empty when it did not, or the ticker's turn came first.
     */
    Optional<PanelRunner.PreparedPanel> panel() throws InterruptedException {
        return computedAtTurn ? Optional.empty() : await(panel);
    }

    /**
     * What the agents are given: the features and headlines (of the session the prices allow), with the
     * similar-situations block, for this ticker and trade date.
     */
    AgentInput agentInput(Features features, Recalled recalled) {
        AgentInput bare = features.bare();
        return new AgentInput(ticker, tradeDate, bare.features(), bare.headlines(), recalled.block());
    }

    /** Empty when a step before it failed: the ticker's turn meets that failure. */
    private Optional<PanelRunner.PreparedPanel> preparedPanel() {
        if (recalled.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(parts.panel().prepare(agentInput(features.join(), recalled.join())));
    }

    private void computeFeaturesStep() {
        try {
            features.complete(computeFeatures());
        } catch (RuntimeException | Error e) {
            // The recall needs the features: it fails with them.
            features.completeExceptionally(e);
            recalled.completeExceptionally(e);
        }
    }

    private void computeRecallStep() {
        if (features.isCompletedExceptionally()) {
            return;
        }
        try {
            recalled.complete(computeRecall(features.join()));
        } catch (RuntimeException | Error e) {
            recalled.completeExceptionally(e);
        }
    }

    private Features computeFeatures() {
        // A ticker its sync left behind is decided from its last bar, within the staleness limit.
        Staleness.Verdict freshness = parts.inputs().staleness().check(ticker, tradeDate);
        return new Features(freshness, parts.inputs().features().forDecision(ticker, freshness.featuresDate()));
    }

    private Recalled computeRecall(Features computed) {
        if (parts.recall().memory().isEmpty() || parts.recall().k() <= 0) {
            return Recalled.NOT_QUERIED;
        }
        Situation now = new Situation(ticker, tradeDate, computed.bare().features(), List.of());
        SituationMemory memory = parts.recall().memory().get();
        // This ticker's recall, with its own problem when the store failed (a plain memory throws instead).
        ResilientSituationMemory.Recall recall = memory instanceof ResilientSituationMemory resilient
                ? resilient.recallOrProblem(now, parts.recall().k(), parts.recall().scope())
                : new ResilientSituationMemory.Recall(memory.recall(now, parts.recall().k(), parts.recall().scope()), Optional.empty());
        return new Recalled(true, SimilarSituationsBlock.format(recall.situations(), tradeDate), recall.problem());
    }

    /** The future's value; what it failed with is thrown as it was thrown (not wrapped), so the cycle reports it alike. */
    static <T> T await(CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
