package dev.quorum.orchestrator.scaleout;

import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.service.CycleRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The scheduler's cycle: first resolves the outcomes known by the trade date (as a single process does before
 * deciding, so weights have learned all they could), then enqueues one job per ticker not yet published.
 * The report lists no decisions (workers make them) and the tickers left out as already decided.
 */
public final class JobScheduling implements CycleRunner {

    private static final Logger log = LoggerFactory.getLogger(JobScheduling.class);

    private final JobQueue queue;
    private final Consumer<LocalDate> resolveOutcomes;
    private final boolean redecide;
    private final Clock clock;

    public JobScheduling(JobQueue queue, Consumer<LocalDate> resolveOutcomes, boolean redecide, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.resolveOutcomes = Objects.requireNonNull(resolveOutcomes, "resolveOutcomes");
        this.redecide = redecide;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CycleReport run(List<String> tickers, LocalDate tradeDate, BooleanSupplier stop) {
        Instant started = clock.instant();
        try {
            resolveOutcomes.accept(tradeDate);
        } catch (RuntimeException e) {
            log.warn("resolving outcomes before enqueuing {} failed; enqueuing anyway: {}", tradeDate, e.getMessage());
        }
        JobQueue.Enqueued enqueued = queue.enqueue(tickers, tradeDate, !redecide);
        log.info("{}: {} job(s) enqueued{}", tradeDate, enqueued.jobs().size(), enqueued.alreadyPublished().isEmpty()
                ? "" : "; already published, left out: " + enqueued.alreadyPublished().keySet());
        return new CycleReport(tradeDate, started, clock.instant(), List.of(), Map.of(), enqueued.alreadyPublished(), false);
    }
}
