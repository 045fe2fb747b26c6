package dev.quorum.orchestrator.scaleout;

import dev.quorum.agents.llm.SpokenDuration;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.cycle.DecisionCycle;
import dev.quorum.orchestrator.publish.OutboxPublisher;
import dev.quorum.envelope.consume.ConsumerGroups;
import dev.quorum.envelope.redis.RedisConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker: takes jobs from the job stream through the consumer group and decides them with the ordinary
 * {@link DecisionCycle}. A job is acknowledged only when its decision is stored and published (or was published
 * before, by anyone); otherwise it stays pending, and once it has been idle for {@code reclaimIdle} any worker
 * takes it over (XAUTOCLAIM), this one included after a restart.
 * <ul>
 *   <li>A job already in the {@link DecisionRegistry} is acknowledged without deciding (duplicate or restarted job).</li>
 *   <li>A job another worker is deciding right now (a duplicate) stays pending here and is looked at again after
 *       each read: once that worker has published it, it is acknowledged; if that worker died, its claim expires
 *       and the job is decided here.</li>
 *   <li>A job whose decision came out provisional (the models or their servers failed) is published as such but
 *       not acknowledged: this worker holds it and decides it again after {@code provisionalRetry}, the wait doubling
 *       up to {@code provisionalRetryMax}, until the decision is final or the New York day it was first held ends
 *       (then it is acknowledged; enqueuing the job again decides it again). The new envelope names the provisional
 *       one in {@code meta.supersedes}, whichever worker published it: if this worker dies, the job is reclaimed
 *       like any other and decided by another. While held, the job is claimed again now and then so that it is not
 *       taken over from a live worker.</li>
 *   <li>A malformed entry, or a job that failed {@value #MAX_DELIVERIES} deliveries, goes to the dead-letter stream
 *       with the reason and is acknowledged: nothing is dropped silently, nothing blocks the group.</li>
 * </ul>
 * Not thread-safe: one thread runs {@link #run()}; {@link #stop()} may be called from any thread.
 */
public final class JobWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);
    static final int MAX_DELIVERIES = 3;
    private static final StreamEntryID START = new StreamEntryID();

    /** What a worker has done since it started. */
    public record Stats(long decided, long alreadyPublished, long deferred, long deadLettered, long reclaimed,
                        long provisional) {
    }

    /** A job whose decision is provisional, held in this worker's pending list until it is tried again. */
    private record Held(StreamEntry entry, Instant due, Duration waited, LocalDate until, Instant touched) {
    }

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final UnifiedJedis redis;
    private final ScaleKeys keys;
    private final String group;
    private final String consumer;
    private final Duration reclaimIdle;
    private final Duration blockTimeout;
    private final DecisionCycle cycle;
    private final OutboxPublisher publisher;
    private final DecisionRegistry registry;
    private final boolean redecide;
    private final Duration provisionalRetry;
    private final Duration provisionalRetryMax;
    private final Runnable refreshMarketData;
    private final Clock clock;
    private volatile boolean stopRequested;
    private StreamEntryID reclaimCursor = START;
    /** Jobs in this worker's pending list that another worker is deciding; looked at again after each read. */
    private final Map<StreamEntryID, StreamEntry> waitingForOthers = new LinkedHashMap<>();
    /** Jobs decided provisionally, held pending here until they are tried again. */
    private final Map<StreamEntryID, Held> heldProvisional = new LinkedHashMap<>();
    private final AtomicLong decided = new AtomicLong();
    private final AtomicLong alreadyPublished = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong reclaimed = new AtomicLong();
    private final AtomicLong provisional = new AtomicLong();

    /**
     * @param reclaimIdle  how long a job may stay pending with a silent worker before it is taken over; also the
     *                     lease of a claim
     * @param blockTimeout how long one read waits for new jobs (at most {@link RedisConnections#LONGEST_BLOCK}); also how
     *                     long {@link #stop()} may take to act
     * @param redecide     {@code decisions.redecide}: decide a job even when its (ticker, date) was published
     * @param provisionalRetry    {@code decisions.provisional_retry_seconds}: how long a provisional decision is held
     *                            before its job is decided again
     * @param provisionalRetryMax {@code decisions.provisional_retry_max_seconds}: the longest wait between two tries
     * @param refreshMarketData   reads the market-data directory again if another process changed it, before each job:
     *                            a job names a session the files of this worker's start may not hold yet
     */
    public JobWorker(UnifiedJedis redis, ScaleKeys keys, String group, String consumer, Duration reclaimIdle,
                     Duration blockTimeout, DecisionCycle cycle, OutboxPublisher publisher, boolean redecide,
                     Duration provisionalRetry, Duration provisionalRetryMax, Runnable refreshMarketData) {
        this(redis, keys, group, consumer, reclaimIdle, blockTimeout, cycle, publisher, redecide, provisionalRetry,
                provisionalRetryMax, refreshMarketData, Clock.systemUTC());
    }

    /** @param clock when a held job is due again, and the New York day its hold ends with */
    public JobWorker(UnifiedJedis redis, ScaleKeys keys, String group, String consumer, Duration reclaimIdle,
                     Duration blockTimeout, DecisionCycle cycle, OutboxPublisher publisher, boolean redecide,
                     Duration provisionalRetry, Duration provisionalRetryMax, Runnable refreshMarketData, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.group = Objects.requireNonNull(group, "group");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.reclaimIdle = reclaimIdle;
        this.blockTimeout = RedisConnections.checkedBlock("blockTimeout", blockTimeout);
        this.cycle = Objects.requireNonNull(cycle, "cycle");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.registry = new DecisionRegistry(redis, keys);
        this.redecide = redecide;
        this.provisionalRetry = Objects.requireNonNull(provisionalRetry, "provisionalRetry");
        this.provisionalRetryMax = Objects.requireNonNull(provisionalRetryMax, "provisionalRetryMax");
        this.refreshMarketData = Objects.requireNonNull(refreshMarketData, "refreshMarketData");
    }

    /** Works until {@link #stop()}: its own pending jobs first (a restart), then reclaimed and new ones. */
    @Override
    public void run() {
        log.info("worker {} taking jobs from {} (group {})", consumer, keys.jobStream(), group);
        boolean started = false;
        while (!stopRequested) {
            try {
                if (started) {
                    poll();
                } else {
                    // In the loop, as every read is: Redis down or restarting when the worker starts is waited out.
                    // Outside it, the error ended the worker's thread and the process went on without a worker.
                    ConsumerGroups.ensure(redis, keys.jobStream(), group, START);
                    handle(ownPendingJobs());
                    started = true;
                }
            } catch (RuntimeException e) {
                if (e instanceof JedisDataException && String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                    // Redis restarted without its data (or was flushed) and the group went with the stream. Created
                    // at start only, every read failed until the scheduler's next enqueue created it again.
                    log.warn("worker {}: the group {} on {} is gone (Redis restarted without its data?); creating it again",
                            consumer, group, keys.jobStream());
                    if (recreateGroup()) {
                        continue;
                    }
                } else {
                    // Redis down or restarting: the jobs are safe in the stream; try again after a pause.
                    log.warn("worker {}: reading jobs failed ({}); retrying", consumer, e.getMessage());
                }
                pause();
            }
        }
        log.info("worker {} stopped: {}", consumer, stats());
    }

    /** Creates the group again at the stream's start, as an enqueue does; false when Redis refused. */
    private boolean recreateGroup() {
        try {
            ConsumerGroups.ensure(redis, keys.jobStream(), group, START);
            reclaimCursor = START;
            return true;
        } catch (RuntimeException e) {
            log.warn("worker {}: creating the group {} again failed ({}); retrying", consumer, group, e.getMessage());
            return false;
        }
    }

    /** Finishes the job in progress, then returns from {@link #run()}. */
    public void stop() {
        stopRequested = true;
    }

    public Stats stats() {
        return new Stats(decided.get(), alreadyPublished.get(), deferred.get(), deadLettered.get(), reclaimed.get(),
                provisional.get());
    }

    private List<StreamEntry> ownPendingJobs() {
        Map<String, List<StreamEntry>> batch = redis.xreadGroupAsMap(group, consumer,
                XReadGroupParams.xReadGroupParams().count(1000), Map.of(keys.jobStream(), START));
        return batch == null ? List.of() : batch.getOrDefault(keys.jobStream(), List.of());
    }

    private void poll() {
        Map.Entry<StreamEntryID, List<StreamEntry>> claimed = redis.xautoclaim(keys.jobStream(), group, consumer,
                reclaimIdle.toMillis(), reclaimCursor, XAutoClaimParams.xAutoClaimParams().count(1));
        reclaimCursor = claimed.getKey();
        if (!claimed.getValue().isEmpty()) {
            reclaimed.addAndGet(claimed.getValue().size());
            handle(claimed.getValue());
            return;
        }
        Map<String, List<StreamEntry>> batch = redis.xreadGroupAsMap(group, consumer,
                XReadGroupParams.xReadGroupParams().count(1).block((int) blockTimeout.toMillis()),
                Map.of(keys.jobStream(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        if (batch != null) {
            handle(batch.getOrDefault(keys.jobStream(), List.of()));
        }
        if (!waitingForOthers.isEmpty()) {
            List<StreamEntry> again = List.copyOf(waitingForOthers.values());
            waitingForOthers.clear();
            handle(again);
        }
        retryHeldProvisional();
    }

    /** Decides the held provisional jobs that are due again; keeps the others claimed by this worker. */
    private void retryHeldProvisional() {
        Instant now = clock.instant();
        for (Held held : List.copyOf(heldProvisional.values())) {
            if (stopRequested) {
                return;
            }
            if (!now.isBefore(held.due()) && LocalDate.ofInstant(now, NEW_YORK).isAfter(held.until())) {
                // Checked here, not only when a try comes out provisional again: a try that fails (the ticker's data
                // gone) or waits for another worker would keep the job held, and tried, for as long as this ran.
                log.info("job {}: the day it was held on ended; its provisional decision stays as it is (enqueue the"
                        + " job again to decide it again)", held.entry().getID());
                ack(held.entry());
            } else if (!now.isBefore(held.due())) {
                // Due again after the same wait unless this try reschedules it (a failed try must not spin).
                heldProvisional.put(held.entry().getID(), new Held(held.entry(), now.plus(held.waited()), held.waited(),
                        held.until(), now));
                handle(List.of(held.entry()));
            } else if (Duration.between(held.touched(), now).compareTo(reclaimIdle.dividedBy(2)) > 0) {
                // Claiming it again resets its idle time: no other worker takes over a job this one still holds.
                redis.xclaimJustId(keys.jobStream(), group, consumer, 0, XClaimParams.xClaimParams(), held.entry().getID());
                heldProvisional.put(held.entry().getID(), new Held(held.entry(), held.due(), held.waited(), held.until(), now));
            }
        }
    }

    private void handle(List<StreamEntry> entries) {
        for (StreamEntry entry : entries) {
            if (stopRequested) {
                return;
            }
            if (entry.getFields() == null) {
                // Pending, but trimmed from the stream: nothing left to decide.
                ack(entry);
                continue;
            }
            DecisionJob job;
            try {
                job = DecisionJob.from(entry.getFields());
            } catch (IllegalArgumentException e) {
                deadLetter(entry, e.getMessage());
                continue;
            }
            handle(entry, job);
        }
    }

    private void handle(StreamEntry entry, DecisionJob job) {
        Optional<DecisionRegistry.Published> published = registry.published(job);
        if (!redecide && published.isPresent() && !published.get().provisional()) {
            alreadyPublished.incrementAndGet();
            ack(entry);
            return;
        }
        if (!registry.claimWork(job, consumer, reclaimIdle)) {
            deferred.incrementAndGet();
            waitingForOthers.put(entry.getID(), entry);
            return;
        }
        try {
            Map<String, String> supersedes = published.filter(DecisionRegistry.Published::provisional)
                    .map(p -> Map.of(job.ticker(), p.correlationId())).orElse(Map.of());
            refreshMarketData.run();
            CycleReport report = cycle.run(List.of(job.ticker()), job.tradeDate(), () -> stopRequested, supersedes);
            if (report.abandoned()) {
                return;
            }
            if (!report.failed().isEmpty()) {
                String why = report.failed().get(job.ticker());
                if (deliveries(entry) >= MAX_DELIVERIES) {
                    deadLetter(entry, why);
                } else {
                    log.warn("job {}: not decided ({}); it will be retried", job, why);
                }
                return;
            }
            // Decided now, or stored before a restart: publish it (at least try) before acknowledging.
            publisher.drain();
            Optional<DecisionRegistry.Published> now = registry.published(job);
            if (now.isPresent()) {
                if (!report.decided().isEmpty()) {
                    decided.incrementAndGet();
                }
                if (now.get().provisional() && !redecide) {
                    hold(entry, job, now.get());
                } else {
                    ack(entry);
                }
            } else {
                log.warn("job {}: decided but not published yet (Redis?); the outbox retries, the job stays pending", job);
            }
        } finally {
            registry.releaseWork(job, consumer);
        }
    }

    /**
     * Keeps a job whose published decision is provisional pending here, to decide it again after a wait that doubles
     * with each try; acknowledges it once the New York day it was first held has ended.
     */
    private void hold(StreamEntry entry, DecisionJob job, DecisionRegistry.Published published) {
        provisional.incrementAndGet();
        Instant now = clock.instant();
        Held before = heldProvisional.get(entry.getID());
        LocalDate until = before == null ? LocalDate.ofInstant(now, NEW_YORK) : before.until();
        if (LocalDate.ofInstant(now, NEW_YORK).isAfter(until)) {
            log.info("job {}: the day moved on; provisional decision {} stays as it is (enqueue the job again to"
                    + " decide it again)", job, published.correlationId());
            ack(entry);
            return;
        }
        Duration wait = before == null ? provisionalRetry
                : before.waited().multipliedBy(2).compareTo(provisionalRetryMax) > 0 ? provisionalRetryMax : before.waited().multipliedBy(2);
        heldProvisional.put(entry.getID(), new Held(entry, now.plus(wait), wait, until, now));
        log.warn("job {}: decision {} is provisional (the models or their servers failed); deciding it again in {}",
                job, published.correlationId(), SpokenDuration.of(wait));
    }

    private long deliveries(StreamEntry entry) {
        List<StreamPendingEntry> pending = redis.xpending(keys.jobStream(), group,
                XPendingParams.xPendingParams(entry.getID(), entry.getID(), 1));
        return pending.isEmpty() ? 1 : pending.get(0).getDeliveredTimes();
    }

    private void deadLetter(StreamEntry entry, String reason) {
        Map<String, String> fields = new LinkedHashMap<>(entry.getFields() == null ? Map.of() : entry.getFields());
        fields.put("job_id", entry.getID().toString());
        fields.put("reason", String.valueOf(reason));
        fields.put("worker", consumer);
        redis.xadd(keys.deadLetters(), XAddParams.xAddParams(), fields);
        deadLettered.incrementAndGet();
        log.error("job {} moved to {}: {}", entry.getID(), keys.deadLetters(), reason);
        ack(entry);
    }

    /** Acknowledges the job, which ends its hold here too (decided, published by another, dead-lettered, day over). */
    private void ack(StreamEntry entry) {
        redis.xack(keys.jobStream(), group, entry.getID());
        heldProvisional.remove(entry.getID());
    }

    private void pause() {
        try {
            Thread.sleep(blockTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }
}
