package dev.quorum.orchestrator.backtest;

import dev.quorum.orchestrator.cycle.DecisionCycle;
import dev.quorum.orchestrator.cycle.PrefetchedAgents;
import dev.quorum.agents.concurrent.DaemonThreads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The pipelined walk of an LLM backtest ({@code --pipeline}): while the walk decides a session, the specialist agents
 * of the sessions after it are already being asked, so the model is kept busy instead of waiting for each session's
 * fusion, synthesis and storing. The decisions themselves are still made by the production cycle, one session after
 * the other, in the sequential walk's order; they decide exactly as that walk does because:
 * <ul>
 *   <li>what the specialists of (ticker, D) are given depends only on the market data as of D and, where their
 *       prompts carry it, on the situations recalled as of D; not on the trust weights, calibration or meta-learner,
 *       which only the fusion, the synthesis, the guard and the meta-learner's prediction read, in the decision, after
 *       the outcomes known by D are learnt, as in the sequential walk;</li>
 *   <li>the situations recalled as of D are the outcomes resolved by D's close (decisions up to D minus the horizon),
 *       which are learnt only when the walk reaches D. Where the prompts carry recall, only the session about to be
 *       decided is asked ahead, once its outcomes are resolved (the cycle's own resolution then finds nothing new);
 *       otherwise (recall off, or anonymised prompts, which leave it out) the {@code horizon} sessions from it;</li>
 *   <li>a decision takes the answers only when they were asked with exactly its own input
 *       ({@link PrefetchedAgents}): a difference would cost calls, never change a decision.</li>
 * </ul>
 * At most {@code 2 x ceil(slots / agents)} tickers' agents are asked at once (slots: the endpoints' {@code parallel},
 * summed): enough to keep every slot busy with as many calls again waiting, while the calls in flight on each endpoint stay bounded by its
 * {@code parallel} (Quorum's endpoint bulkhead). Their calls give way to those of the decisions being made (the
 * synthesis, an agent asked again): they only take a slot no decision is waiting for. So no call waits in the bulkhead
 * for much more than a couple of model latencies; one that waited past the bulkhead's maximum wait or the decision's
 * budget would abstain, as it would in the sequential walk.
 */
final class AgentLookahead implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentLookahead.class);

    private final DecisionCycle cycle;
    private final boolean recallInPrompts;
    private final int sessionsAhead;
    private final Consumer<LocalDate> resolveOutcomes;
    private final ExecutorService asking;
    private int askedThrough = -1;

    /**
     * @param recallInPrompts whether the agents' prompts carry the similar-situations block (live prompts do,
     *                        anonymised ones leave it out)
     * @param horizon         the outcome horizon in sessions: a decision learns nothing from the ones this close to it
     * @param panelsAtOnce    how many tickers' agents are asked at once ({@code ModelChains#panelsAhead})
     * @param resolveOutcomes resolves the outcomes known by a session's close (what the cycle does before deciding it)
     */
    AgentLookahead(DecisionCycle cycle, boolean recallInPrompts, int horizon, int panelsAtOnce, Consumer<LocalDate> resolveOutcomes) {
        this.cycle = cycle;
        this.recallInPrompts = recallInPrompts && cycle.queriesRecall();
        this.sessionsAhead = this.recallInPrompts ? 1 : horizon;
        this.resolveOutcomes = resolveOutcomes;
        this.asking = Executors.newFixedThreadPool(panelsAtOnce, DaemonThreads.named("lookahead"));
    }

    /** How many sessions, from the one about to be decided, are asked ahead. */
    int sessionsAhead() {
        return sessionsAhead;
    }

    /**
     * Before the walk decides {@code sessions.get(index)}: asks the agents of every session that may be asked by now
     * and was not, in the walk's order.
     *
     * @param todo the tickers of a session still to decide
     */
    void before(List<LocalDate> sessions, int index, Function<LocalDate, List<String>> todo) {
        int end = Math.min(sessions.size(), index + sessionsAhead);
        for (int i = Math.max(index, askedThrough + 1); i < end; i++) {
            LocalDate session = sessions.get(i);
            askedThrough = i;
            if (recallInPrompts) {
                try {
                    // What the cycle does first: the recall the agents are asked with then is the decision's.
                    resolveOutcomes.accept(session);
                } catch (RuntimeException e) {
                    log.warn("resolving outcomes before asking the {} agents ahead failed; the decisions ask them: {}", session, e.getMessage());
                    continue;
                }
            }
            for (String ticker : todo.apply(session)) {
                Runnable ask = cycle.askAhead(ticker, session, recallInPrompts);
                try {
                    asking.execute(ask);
                } catch (RejectedExecutionException e) {
                    cycle.dropAskedAhead();
                    throw e;
                }
            }
        }
    }

    /** Stops asking; the answers not taken are forgotten. */
    @Override
    public void close() {
        asking.shutdownNow();
        cycle.dropAskedAhead();
    }
}
