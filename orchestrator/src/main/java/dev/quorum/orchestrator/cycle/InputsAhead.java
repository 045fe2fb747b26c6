package dev.quorum.orchestrator.cycle;

import dev.quorum.agents.concurrent.DaemonThreads;

import java.time.LocalDate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.function.BiPredicate;

/**
 * Prepares the inputs of the tickers a cycle is about to decide ahead of their turn: once a ticker's agents have asked
 * their models, the inputs of the ticker {@code parallel_tickers} places after it start being prepared, so its market
 * data is read and its recall queried while the tickers before it wait on their models (and not while they are still
 * asking, on the same cores). Neither feeds the decisions before it, so this takes them off the cycle's critical path
 * without changing a decision (see {@link TickerInputs}); keeping to one ticker ahead per running decision spreads
 * that work over the cycle instead of piling it onto the first ticker. A cycle that stops leaves at most
 * {@code parallel_tickers} tickers prepared for nothing; a decision whose inputs were not prepared computes them at
 * its turn.
 *
 * <p>A ticker prepared so also has its agents' panel prepared for its input (the LLM agents' prompts rendered,
 * {@link TickerInputs}): that work then runs while the models think, not between the ticker's turn and its requests.
 * The cycle's first tickers are not given theirs, since their turn is now: their agents render their own prompts, each
 * on its own thread. Nor are tickers whose agents a pipelined backtest asks ahead: nothing would run that panel.
 */
final class InputsAhead {

    private record TickerDay(String ticker, LocalDate tradeDate) {
    }

    private record Entry(TickerInputs inputs, Cycle cycle) {
    }

    /** One cycle's tickers not yet prepared, in watchlist order. */
    private final class Cycle {
        private final Queue<TickerInputs> waiting = new ConcurrentLinkedQueue<>();

        void prepareNext(boolean withPanel) {
            TickerInputs next = waiting.poll();
            if (next != null) {
                boolean panel = withPanel && !agentsAskedAhead.test(next.ticker(), next.tradeDate());
                threads.execute(() -> next.prepare(panel));
            }
        }
    }

    private final CycleParts parts;
    private final BiPredicate<String, LocalDate> agentsAskedAhead;
    // Keyed by (ticker, trade date): cycles for different dates may run at once (pipelined backtests).
    private final ConcurrentMap<TickerDay, Entry> prepared = new ConcurrentHashMap<>();
    /**
     * The threads preparing inputs, shared by the cycles: {@code parallel_tickers} of them, each cycle handing them one
     * ticker per decision it starts. Idle threads end by themselves, so a cycle that ends early leaves nothing running.
     */
    private final ExecutorService threads;

    /** @param agentsAskedAhead whether a ticker's agents are asked ahead of its decision (their panel is not needed) */
    InputsAhead(CycleParts parts, BiPredicate<String, LocalDate> agentsAskedAhead) {
        this.parts = parts;
        this.agentsAskedAhead = agentsAskedAhead;
        this.threads = DaemonThreads.endingWhenIdle("ticker-inputs", parts.limits().parallelTickers(), 30);
    }

    /** Starts preparing the inputs of the first {@code parallel_tickers} tickers; the others follow as they start. */
    void prepare(List<String> tickers, LocalDate tradeDate) {
        int parallel = parts.limits().parallelTickers();
        Cycle cycle = new Cycle();
        for (String ticker : tickers) {
            TickerInputs inputs = new TickerInputs(parts, ticker, tradeDate);
            prepared.put(new TickerDay(ticker, tradeDate), new Entry(inputs, cycle));
            cycle.waiting.add(inputs);
        }
        for (int i = 0; i < parallel; i++) {
            cycle.prepareNext(false);
        }
    }

    /**
     * A ticker's turn: its inputs as its cycle prepared them (or is preparing them), or to compute now, and what starts
     * preparing the cycle's next ticker, which its decision runs once its agents have asked their models.
     */
    record Turn(TickerInputs inputs, Runnable prepareNext) {
    }

    /** The ticker's {@link Turn}, its decision starting. */
    Turn take(String ticker, LocalDate tradeDate) {
        Entry entry = prepared.remove(new TickerDay(ticker, tradeDate));
        if (entry == null) {
            return new Turn(new TickerInputs(parts, ticker, tradeDate), () -> { });
        }
        return new Turn(entry.inputs(), () -> entry.cycle().prepareNext(true));
    }

    /** Drops what the cycle prepared for tickers it did not decide (it was abandoned): a later cycle prepares afresh. */
    void forget(List<String> tickers, LocalDate tradeDate) {
        tickers.forEach(ticker -> prepared.remove(new TickerDay(ticker, tradeDate)));
    }
}
