package dev.quorum.orchestrator.scaleout;

import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.service.CycleRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The scheduler's cycle: first resolves the outcomes known by the trade date (as a single process does before
 * deciding, so weights have learned all they could), then enqueues one job per ticker not yet published.
 * The report lists no decisions (workers make them) and the tickers left out as already decided.
 * <p>
 * A ticker without price data here is left out and reported as failed, as {@code jobs enqueue} refuses it: a worker
 * could never decide its job, which would be delivered three times and then dead-lettered, every session. One whose
 * final decision of the day was published already (before its file went away) is reported as already decided.
 * <p>
 * Only the scheduler holding the learner lease runs it. A stand-by scheduler's cycle does nothing: learning there
 * would publish its own, stale meta-learner over the leader's, and jobs it enqueued before the leader had learned
 * the day's outcomes would be decided with the weights of the day before.
 */
public final class JobScheduling implements CycleRunner {

    private static final Logger log = LoggerFactory.getLogger(JobScheduling.class);

    private final JobQueue queue;
    private final Consumer<LocalDate> resolveOutcomes;
    private final boolean redecide;
    private final Clock clock;
    private final BooleanSupplier leading;
    private final Function<String, Optional<String>> withoutData;

    /**
     * @param leading     whether this scheduler holds the learner lease ({@link EnvelopeLearner#awaitLeading})
     * @param withoutData why a ticker has no price data here (the files it lacks), empty when it has
     */
    public JobScheduling(JobQueue queue, Consumer<LocalDate> resolveOutcomes, boolean redecide, Clock clock,
                         BooleanSupplier leading, Function<String, Optional<String>> withoutData) {
        this.leading = Objects.requireNonNull(leading, "leading");
        this.withoutData = Objects.requireNonNull(withoutData, "withoutData");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.resolveOutcomes = Objects.requireNonNull(resolveOutcomes, "resolveOutcomes");
        this.redecide = redecide;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CycleReport run(List<String> tickers, LocalDate tradeDate, BooleanSupplier stop) {
        Instant started = clock.instant();
        if (!leading.getAsBoolean()) {
            log.info("{}: standing by: another scheduler holds the learner lease, learns and enqueues; nothing enqueued here",
                    tradeDate);
            return new CycleReport(tradeDate, started, clock.instant(), List.of(), Map.of(), Map.of(), false);
        }
        try {
            resolveOutcomes.accept(tradeDate);
        } catch (RuntimeException e) {
            log.warn("resolving outcomes before enqueuing {} failed; enqueuing anyway: {}", tradeDate, e.getMessage());
        }
        // Final decisions published already are left out first, so that a ticker decided before its price file went
        // away is reported decided: there is nothing to do, and nothing failed.
        Map<String, String> alreadyPublished = redecide ? Map.of() : queue.alreadyPublished(tickers, tradeDate);
        Map<String, String> unpriced = new LinkedHashMap<>();
        List<String> toEnqueue = new ArrayList<>();
        for (String ticker : tickers) {
            if (!alreadyPublished.containsKey(ticker)) {
                withoutData.apply(ticker).ifPresentOrElse(why -> unpriced.put(ticker, why + ": not enqueued"), () -> toEnqueue.add(ticker));
            }
        }
        unpriced.values().forEach(why -> log.warn("{}: {}", tradeDate, why));
        JobQueue.Enqueued enqueued = queue.enqueue(toEnqueue, tradeDate, false);
        log.info("{}: {} job(s) enqueued{}", tradeDate, enqueued.jobs().size(), alreadyPublished.isEmpty()
                ? "" : "; already published, left out: " + alreadyPublished.keySet());
        return new CycleReport(tradeDate, started, clock.instant(), List.of(), unpriced, alreadyPublished, false);
    }
}
