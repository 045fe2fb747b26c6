package dev.quorum.orchestrator.cycle;

import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.envelope.EnvelopeBuilder;
import dev.quorum.envelope.Target;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.memory.metalearner.AgentVote;
import dev.quorum.memory.metalearner.MetaLearner;
import dev.quorum.memory.store.AgentRun;
import dev.quorum.memory.store.CurrentDecision;
import dev.quorum.memory.store.DecisionExistsException;
import dev.quorum.memory.store.DecisionRecord;
import dev.quorum.memory.trust.AgentSkill;
import dev.quorum.agents.concurrent.DaemonThreads;
import dev.quorum.orchestrator.consensus.ConsensusResult;
import dev.quorum.orchestrator.llm.ModelChains;
import dev.quorum.orchestrator.review.ReviewResult;
import dev.quorum.orchestrator.synthesis.EnsembleGuard;
import dev.quorum.orchestrator.synthesis.RuleSynthesis;
import dev.quorum.orchestrator.synthesis.SynthesisMethod;
import dev.quorum.orchestrator.synthesis.SynthesisRequest;
import dev.quorum.orchestrator.synthesis.SynthesisVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The decision cycle. Per ticker: features -> recall -> agents in parallel -> consensus -> synthesis -> guard ->
 * review -> envelope -> store (decision and outbox row in one SQLite transaction). Publishing is the outbox
 * publisher's job, after the commit: a decision is never lost on its way to Redis.
 *
 * <p>A decision whose quorum was lost to infrastructure (agents that failed on their models, not agents that
 * abstained on missing data) is {@linkplain #provisional provisional}: stored and published with
 * {@code meta.provisional: true}, and decided again by the next cycle of its (ticker, trade date) even when
 * {@code decisions.redecide} is off; the new envelope names it in {@code meta.supersedes}.
 */
public final class DecisionCycle {

    private static final Logger log = LoggerFactory.getLogger(DecisionCycle.class);

    private final CycleParts parts;
    private final Runnable afterEachDecision;
    private final Consumer<LocalDate> beforeCycle;
    private final ConsensusListener consensusListener;
    private final PrefetchedAgents prefetched = new PrefetchedAgents();
    private final InputsAhead inputsAhead;
    private final ExecutorService learntReads = Executors.newCachedThreadPool(DaemonThreads.named("learnt-read"));
    /**
     * Stores the sequential cycle's decisions one after the other, in the watchlist's order, while the cycle goes on to
     * the next ticker: the commit is off the path that waits on the models. One thread, ended when idle; its queue
     * holds at most one session's tickers (the cycle waits for them before it returns).
     */
    private final ExecutorService storing = DaemonThreads.endingWhenIdle("decision-store", 1, 30);

    /** @param afterEachDecision called after each stored decision (wakes the outbox publisher) */
    public DecisionCycle(CycleParts parts, Runnable afterEachDecision) {
        this(parts, afterEachDecision, date -> { });
    }

    /**
     * @param beforeCycle called with the trade date before any ticker is decided: resolves the outcomes known by
     *                    then, so trust weights and recall have learned everything they could before deciding;
     *                    a failure there is logged and never blocks the cycle
     */
    public DecisionCycle(CycleParts parts, Runnable afterEachDecision, Consumer<LocalDate> beforeCycle) {
        this(parts, afterEachDecision, beforeCycle, ConsensusListener.NONE);
    }

    /** @param consensusListener told each stored decision's consensus (seed 003's federation keys) */
    public DecisionCycle(CycleParts parts, Runnable afterEachDecision, Consumer<LocalDate> beforeCycle,
                         ConsensusListener consensusListener) {
        this.parts = parts;
        this.afterEachDecision = afterEachDecision;
        this.beforeCycle = beforeCycle;
        this.consensusListener = consensusListener;
        this.inputsAhead = new InputsAhead(parts, prefetched::expects);
    }

    /**
     * Decides every ticker for the trade date, in order.
     *
     * @param stop checked between tickers: when true the cycle is abandoned cleanly (nothing half-stored)
     */
    public CycleReport run(List<String> tickers, LocalDate tradeDate, BooleanSupplier stop) {
        return run(tickers, tradeDate, stop, Map.of());
    }

    /**
     * Decides every ticker for the trade date, in order.
     *
     * @param stop                checked between tickers: when true the cycle is abandoned cleanly (nothing half-stored)
     * @param provisionalElsewhere per ticker, a provisional decision published by another process (a scale-out worker)
     *                            that the new decision supersedes when this process has none of its own for the day
     */
    public CycleReport run(List<String> tickers, LocalDate tradeDate, BooleanSupplier stop,
                           Map<String, String> provisionalElsewhere) {
        var startedAt = parts.limits().clock().instant();
        List<TickerDecision> decided = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, String> alreadyDecided = new LinkedHashMap<>();
        boolean abandoned = false;
        try {
            beforeCycle.accept(tradeDate);
        } catch (RuntimeException e) {
            log.warn("resolving outcomes before the {} cycle failed; deciding with what was learned so far: {}", tradeDate, e.getMessage());
        }
        List<String> toDecide = new ArrayList<>();
        for (String ticker : tickers) {
            Optional<CurrentDecision> existing = parts.limits().redecide() ? Optional.empty()
                    : parts.store().currentDecision(ticker, tradeDate).filter(current -> !current.provisional());
            existing.ifPresentOrElse(current -> alreadyDecided.put(ticker, current.correlationId()), () -> toDecide.add(ticker));
        }
        inputsAhead.prepare(toDecide, tradeDate);
        if (!alreadyDecided.isEmpty()) {
            log.info("{}: already decided, left as they are (decisions.redecide is off): {}", tradeDate, alreadyDecided.keySet());
        }
        if (parts.limits().parallelTickers() == 1) {
            abandoned = runInOrder(toDecide, tradeDate, stop, provisionalElsewhere, decided, failed, alreadyDecided);
        } else {
            abandoned = runInParallel(toDecide, tradeDate, stop, provisionalElsewhere, decided, failed, alreadyDecided);
        }
        inputsAhead.forget(toDecide, tradeDate);
        return new CycleReport(tradeDate, startedAt, parts.limits().clock().instant(), decided, failed, alreadyDecided, abandoned);
    }

    /**
     * Decides the tickers one at a time; each decision is stored on the {@link #storing} thread while the next ticker
     * is decided, from when that ticker's agents have asked their models (so that storing takes no core from the
     * asking), and the cycle returns once every one is stored. The tickers of a session are independent (what was
     * learned changes only before the cycle, when outcomes are resolved), so the order of the store and the next
     * ticker's reads does not matter; the decisions and their outbox rows are still committed in the watchlist's order.
     *
     * @return whether the cycle was abandoned
     */
    private boolean runInOrder(List<String> tickers, LocalDate tradeDate, BooleanSupplier stop,
                               Map<String, String> provisionalElsewhere, List<TickerDecision> decided, Map<String, String> failed,
                               Map<String, String> alreadyDecided) {
        Map<String, CompletableFuture<TickerDecision>> inOrder = new LinkedHashMap<>();
        boolean abandoned = false;
        ToStore made = new ToStore(null, null); // nothing made yet
        try {
            for (String ticker : tickers) {
                if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    abandoned = true;
                    break;
                }
                CompletableFuture<TickerDecision> stored = new CompletableFuture<>();
                inOrder.put(ticker, stored);
                try {
                    // The decision before is handed to the store by then, even when this one fails.
                    made = new ToStore(prepare(ticker, tradeDate, Optional.ofNullable(provisionalElsewhere.get(ticker)),
                            made::handOver), stored);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    inOrder.remove(ticker);
                    abandoned = true;
                    break;
                } catch (RuntimeException e) {
                    stored.completeExceptionally(e);
                }
            }
        } finally {
            made.handOver();
            // Every decision handed to the store is waited for, even when interrupted, and even when the loop ends in
            // an exception (a stop check that throws): the report says what was stored, and nothing is written after
            // the cycle has returned. A backtest rolls its batch back when a session fails; a store still running
            // then would commit its decision on its own.
            inOrder.forEach((ticker, stored) -> {
                try {
                    decided.add(stored.join());
                } catch (CompletionException e) {
                    notDecided(ticker, tradeDate, e.getCause() == null ? e : e.getCause(), failed, alreadyDecided);
                }
            });
        }
        return abandoned;
    }

    /** A decision made and not yet handed to the {@link #storing} thread; handed once, whoever asks first. */
    private final class ToStore {

        private final Unstored unstored;
        private final CompletableFuture<TickerDecision> stored;
        private final AtomicBoolean handedOver = new AtomicBoolean();

        ToStore(Unstored unstored, CompletableFuture<TickerDecision> stored) {
            this.unstored = unstored;
            this.stored = stored;
        }

        /** Stores the decision on the {@link #storing} thread, after those handed before it; then wakes the publisher. */
        void handOver() {
            if (unstored == null || !handedOver.compareAndSet(false, true)) {
                return;
            }
            try {
                CompletableFuture.supplyAsync(() -> {
                    TickerDecision decision = store(unstored);
                    afterEachDecision.run();
                    return decision;
                }, storing).whenComplete((decision, failure) -> {
                    if (failure == null) {
                        stored.complete(decision);
                    } else {
                        stored.completeExceptionally(failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure);
                    }
                });
            } catch (RuntimeException e) {
                // Not taken by the store (no thread could be started): the cycle reports it, it does not wait for it.
                stored.completeExceptionally(e);
            }
        }
    }

    /**
     * Decides up to {@code parallelTickers} tickers at once; results keep the watchlist order. A ticker not started
     * when {@code stop} turns true is abandoned; one in progress finishes and is stored whole.
     *
     * @return whether the cycle was abandoned
     */
    private boolean runInParallel(List<String> tickers, LocalDate tradeDate, BooleanSupplier stop,
                                  Map<String, String> provisionalElsewhere, List<TickerDecision> decided, Map<String, String> failed,
                                  Map<String, String> alreadyDecided) {
        ExecutorService pool = Executors.newFixedThreadPool(parts.limits().parallelTickers(), DaemonThreads.named("ticker"));
        try {
            List<Future<Optional<TickerDecision>>> running = new ArrayList<>();
            for (String ticker : tickers) {
                running.add(pool.submit(() -> {
                    if (stop.getAsBoolean()) {
                        return Optional.<TickerDecision>empty();
                    }
                    TickerDecision decision = decide(ticker, tradeDate, Optional.ofNullable(provisionalElsewhere.get(ticker)));
                    afterEachDecision.run();
                    return Optional.of(decision);
                }));
            }
            boolean abandoned = false;
            for (int i = 0; i < tickers.size(); i++) {
                try {
                    Optional<TickerDecision> decision = running.get(i).get();
                    if (decision.isPresent()) {
                        decided.add(decision.get());
                    } else {
                        abandoned = true;
                    }
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    if (cause instanceof InterruptedException) {
                        abandoned = true;
                    } else {
                        notDecided(tickers.get(i), tradeDate, cause, failed, alreadyDecided);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running.forEach(f -> f.cancel(false));
                    return true;
                }
            }
            return abandoned;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Where a ticker that was not decided goes, the same whether it ran alone or in the pool: already decided when
     * another process stored its decision since the check before the cycle, otherwise failed with its exception.
     */
    private static void notDecided(String ticker, LocalDate tradeDate, Throwable failure, Map<String, String> failed,
                                   Map<String, String> alreadyDecided) {
        if (failure instanceof DecisionExistsException exists) {
            alreadyDecided.put(ticker, exists.existingCorrelationId());
            return;
        }
        log.warn("{} {}: not decided: {}", ticker, tradeDate, failure.getMessage());
        failed.put(ticker, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    /**
     * Decides one ticker and stores the decision with its outbox row.
     *
     * @throws DecisionExistsException when re-deciding is off and the (ticker, trade date) has a final decision already
     */
    public TickerDecision decide(String ticker, LocalDate tradeDate) throws InterruptedException {
        return decide(ticker, tradeDate, Optional.empty());
    }

    private TickerDecision decide(String ticker, LocalDate tradeDate, Optional<String> provisionalElsewhere)
            throws InterruptedException {
        return store(prepare(ticker, tradeDate, provisionalElsewhere, () -> { }));
    }

    /**
     * A decision made and not stored yet: its envelope and the rest of its row, what the consensus listener is told,
     * and what the cycle reports. The envelope's JSON is encoded when the row is made, on the store thread: the
     * encoding was a tenth of the main thread's CPU in a cycle's profile, on the way to the next ticker's agents.
     */
    private record Unstored(TradingIntelligenceEnvelope envelope, Function<String, DecisionRecord> rowWithJson,
                            ConsensusResult consensus, TickerDecision decision) {

        DecisionRecord record() {
            return rowWithJson.apply(EnvelopeJson.encode(envelope));
        }
    }

    /**
     * Everything but the store: the envelope is built (its phase timings end here) and the record ready.
     *
     * @param whenAgentsAsked run once the agents have asked their models (or the decision ended before they could),
     *                        with the start of the next ticker's preparation: what can wait for the models' answers
     * @throws DecisionExistsException when re-deciding is off and the (ticker, trade date) has a final decision already
     */
    private Unstored prepare(String ticker, LocalDate tradeDate, Optional<String> provisionalElsewhere,
                             Runnable whenAgentsAsked) throws InterruptedException {
        InputsAhead.Turn turn = inputsAhead.take(ticker, tradeDate);
        AtomicBoolean asked = new AtomicBoolean();
        Runnable agentsAsked = () -> {
            if (asked.compareAndSet(false, true)) {
                try {
                    whenAgentsAsked.run();
                } finally {
                    turn.prepareNext().run();
                }
            }
        };
        try {
            return prepareWith(ticker, tradeDate, provisionalElsewhere, turn.inputs(), agentsAsked);
        } finally {
            agentsAsked.run();
        }
    }

    private Unstored prepareWith(String ticker, LocalDate tradeDate, Optional<String> provisionalElsewhere,
                                 TickerInputs prepared, Runnable agentsAsked) throws InterruptedException {
        Optional<CurrentDecision> previous = parts.store().currentDecision(ticker, tradeDate);
        if (previous.isPresent() && !previous.get().provisional() && !parts.limits().redecide()) {
            throw new DecisionExistsException(ticker, tradeDate, previous.get().correlationId());
        }
        // Another worker's provisional decision is not in this SQLite; the envelope still names what it supersedes.
        Optional<String> supersedes = previous.map(CurrentDecision::correlationId).or(() -> provisionalElsewhere);
        PhaseClock phases = new PhaseClock();
        // Prepared while the tickers before it were deciding, when the cycle could (the phases time the wait).
        TickerInputs.Features features = prepared.features();
        phases.lap("features");

        TickerInputs.Recalled recalled = prepared.recalled();
        boolean recallQueried = recalled.queried();
        String recallBlock = recalled.block();
        List<String> degraded = new ArrayList<>();
        degraded.addAll(features.freshness().degraded());
        recalled.problem().ifPresent(problem -> degraded.add("recall unavailable, decided without similar situations: " + problem));
        AgentInput input = prepared.agentInput(features, recalled);
        phases.lap("recall");

        // What was learnt does not feed the agents: it is read (SQLite queries) while they are out.
        CompletableFuture<Map<String, AgentSkill>> skillsRead = CompletableFuture.supplyAsync(parts.learnt().skills(), learntReads);
        CompletableFuture<Map<String, Double>> weightsRead = CompletableFuture.supplyAsync(parts.learnt().trustWeights(), learntReads);
        Optional<PrefetchedAgents.Answer> askedAhead = prefetched.take(input);
        DecisionBudget budget = askedAhead.map(answer -> answer.budget().pausedFor(
                        Duration.between(answer.answeredAt(), parts.limits().clock().instant())))
                .orElseGet(() -> ModelChains.budget(parts.limits().budget(), parts.limits().clock()));
        List<AgentOutcome> outcomes;
        if (askedAhead.isPresent()) {
            agentsAsked.run(); // nothing left to ask
            outcomes = askedAhead.get().outcomes();
        } else {
            Optional<PanelRunner.PreparedPanel> panel = prepared.panel();
            outcomes = panel.isPresent() ? parts.panel().assess(panel.get(), budget, agentsAsked)
                    : parts.panel().assess(input, budget, agentsAsked);
        }
        phases.lap("agents");

        Map<String, AgentSkill> skills = TickerInputs.await(skillsRead);
        ConsensusResult consensus = parts.judgement().consensus().fuse(outcomes, TickerInputs.await(weightsRead), skills);
        phases.lap("consensus");

        consensus.degraded().ifPresent(degraded::add);
        boolean provisional = provisional(consensus);
        if (provisional) {
            degraded.add("provisional: the quorum was lost to model or server failures; the next cycle decides again");
        }
        SynthesisVerdict proposed = synthesise(new SynthesisRequest(input, outcomes, consensus, budget), degraded);
        EnsembleGuard.Guarded guarded = parts.judgement().guard().check(proposed, consensus.ensembleScore());
        guarded.veto().ifPresent(degraded::add);
        RuleSynthesis.Bounded bounded = parts.judgement().rules().bound(guarded.verdict(), consensus);
        phases.lap("synthesis");

        ReviewResult review = parts.judgement().review().review(bounded.verdict(), outcomes);
        phases.lap("review");

        Optional<MetaLearner> learner = parts.learnt().metaLearner().get();
        OptionalDouble prediction = predict(learner, consensus, outcomes);
        MetaLearnerRole role = MetaLearnerRole.of(learner.map(MetaLearner::status));
        SynthesisVerdict finalVerdict = role.apply(review.verdict(), prediction);
        if (finalVerdict != review.verdict()) {
            degraded.add(finalVerdict.reasoning());
        }
        String correlationId = EnvelopeBuilder.newCorrelationId();
        DecisionMeta meta = new DecisionMeta(outcomes, consensus, proposed, guarded, bounded, review, prediction, budget,
                recallQueried, recallBlock, degraded, skills, role);
        EnvelopeBuilder envelope = EnvelopeBuilder.forTarget(Target.equity(ticker, tradeDate.toString()))
                .correlationId(correlationId)
                .synthesis(finalVerdict.verdict(), finalVerdict.confidence(), consensus.ensembleScore(), finalVerdict.reasoning())
                .modelUsed(meta.modelUsed())
                .sourceMetrics(meta.sourceMetrics(input))
                .clock(parts.limits().clock());
        for (AgentOutcome outcome : outcomes) {
            if (outcome instanceof AgentSignal s) {
                envelope.agentSignal(s.agent(), s.domain(), s.signal(), s.confidence(), s.summary(), s.keyFactors());
            }
        }
        meta.entries().forEach(envelope::meta);
        envelope.meta("provisional", provisional);
        envelope.meta("supersedes", supersedes.orElse(null));
        phases.lap("envelope");
        phases.timings().forEach(envelope::phaseTiming);
        envelope.arenaTotalSeconds(phases.totalSeconds());
        TradingIntelligenceEnvelope built = envelope.build();

        List<AgentRun> runs = outcomes.stream()
                .map(o -> new AgentRun(o, input, consensus.trustWeights().get(o.agent()))).toList();
        Function<String, DecisionRecord> row = json -> new DecisionRecord(correlationId, ticker, tradeDate,
                finalVerdict.verdict(), finalVerdict.confidence(), consensus.ensembleScore(), json, meta.promptHashes(),
                prediction, runs, List.of(), built.publishedAt(), provisional);
        return new Unstored(built, row, consensus, new TickerDecision(ticker, finalVerdict.verdict(), finalVerdict.confidence(),
                consensus.ensembleScore(), consensus.votes().size(), outcomes.size(), correlationId, degraded, provisional,
                supersedes));
    }

    /**
     * Stores the decision with its outbox row (one transaction), then tells the consensus listener.
     *
     * @throws DecisionExistsException when re-deciding is off and another process stored a final decision since
     */
    private TickerDecision store(Unstored unstored) {
        DecisionRecord record = unstored.record();
        TickerDecision decision = unstored.decision();
        if (parts.limits().redecide()) {
            parts.store().redecide(record);
        } else {
            parts.store().save(record);
        }
        try {
            consensusListener.decided(record.ticker(), record.tradeDate(), record.correlationId(), unstored.consensus());
        } catch (RuntimeException e) {
            log.warn("the consensus listener failed for {} {} (the decision is stored): {}", record.ticker(), record.tradeDate(),
                    e.toString());
        }
        log.info("{} {}: {} confidence {} ensemble {} ({} of {} agents voted){}", record.ticker(), record.tradeDate(),
                decision.verdict(), String.format("%.2f", decision.confidence()),
                String.format("%+.3f", decision.ensembleScore()), decision.voted(), decision.agents(),
                decision.degraded().isEmpty() ? "" : " degraded: " + String.join("; ", decision.degraded()));
        return decision;
    }

    /** Whether the agents' input carries recalled similar situations (a memory is configured and k is above 0). */
    public boolean queriesRecall() {
        return parts.recall().memory().isPresent() && parts.recall().k() > 0;
    }

    /**
     * Holds the place of the specialist agents' answers for (ticker, trade date) and returns the task that asks them,
     * for a pipelined backtest to run ahead of the decision: the decision then waits for those answers instead of
     * asking, when they were asked with its own input ({@link PrefetchedAgents}). Everything the agents' answers
     * depend on is read when the task runs: the caller runs it only once what the decision will give the agents is
     * known (the prices of the trade date; the recalled situations, when the prompts carry them).
     *
     * @param recallInPrompts whether the agents' prompts carry the similar-situations block; when not (anonymised
     *                        prompts leave it out), it is not recalled for the asking, nor compared with the decision's
     */
    public Runnable askAhead(String ticker, LocalDate tradeDate, boolean recallInPrompts) {
        CompletableFuture<PrefetchedAgents.Answer> answer = prefetched.expect(ticker, tradeDate);
        return () -> {
            try {
                boolean withRecall = recallInPrompts && queriesRecall();
                // The same inputs the decision will be given (TickerInputs); the recall only when the prompts carry it.
                TickerInputs inputs = new TickerInputs(parts, ticker, tradeDate);
                TickerInputs.Features features = inputs.features();
                AgentInput input = inputs.agentInput(features, withRecall ? inputs.recalled() : TickerInputs.Recalled.NOT_QUERIED);
                // Its calls give way to those of the decisions being made: asked ahead, they only fill idle slots.
                DecisionBudget budget = ModelChains.budget(parts.limits().budget(), parts.limits().clock()).givingWay();
                List<AgentOutcome> outcomes = parts.panel().assess(input, budget);
                answer.complete(new PrefetchedAgents.Answer(input, withRecall, budget, outcomes, parts.limits().clock().instant()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.completeExceptionally(e);
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        };
    }

    /** Forgets the answers asked ahead and not taken (a pipelined walk that ended or stopped). */
    public void dropAskedAhead() {
        prefetched.clear();
    }

    /** How many decisions took their agents' answers asked ahead, and how many asked again. */
    public PrefetchedAgents.Stats askedAhead() {
        return prefetched.stats();
    }

    /**
     * Whether the quorum was lost to infrastructure: not met, but it would have been had the agents that failed on
     * their models or servers (every abstention but a {@link ErrorCategory#DATA} one) voted. Agents abstaining on
     * missing data would abstain again; a model outage may be over by the next cycle.
     */
    static boolean provisional(ConsensusResult consensus) {
        if (consensus.quorumMet()) {
            return false;
        }
        long failedOnInfrastructure = consensus.abstentions().stream().filter(a -> a.category() != ErrorCategory.DATA).count();
        return failedOnInfrastructure > 0 && consensus.votes().size() + failedOnInfrastructure >= consensus.quorum();
    }

    /** The configured synthesis; when it throws (it should fall back by itself, but a bug must not cost the decision) the rules. */
    private SynthesisVerdict synthesise(SynthesisRequest request, List<String> degraded) {
        try {
            SynthesisVerdict verdict = parts.judgement().synthesiser().synthesise(request);
            if (verdict.method() instanceof SynthesisMethod.RulesFallback) {
                degraded.add("synthesis " + verdict.method().wire());
            }
            return verdict;
        } catch (RuntimeException e) {
            log.error("synthesis failed for {}; the rules decide", request.input().ticker(), e);
            degraded.add("synthesis failed (" + e.getMessage() + "), rules decided");
            return parts.judgement().rules().decide(request.consensus());
        }
    }

    private OptionalDouble predict(Optional<MetaLearner> current, ConsensusResult consensus, List<AgentOutcome> outcomes) {
        if (current.isEmpty()) {
            return OptionalDouble.empty();
        }
        MetaLearner learner = current.get();
        Map<String, AgentVote> votes = new LinkedHashMap<>();
        for (AgentOutcome outcome : outcomes) {
            if (outcome instanceof AgentSignal s && learner.roster().agents().contains(s.agent())) {
                votes.put(s.agent(), new AgentVote(s.signal(), s.confidence(), consensus.trustWeights().get(s.agent())));
            }
        }
        try {
            return OptionalDouble.of(learner.predict(votes));
        } catch (RuntimeException e) {
            log.warn("meta-learner could not predict: {}", e.getMessage());
            return OptionalDouble.empty();
        }
    }
}
