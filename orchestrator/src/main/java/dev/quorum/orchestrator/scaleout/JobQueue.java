package dev.quorum.orchestrator.scaleout;

import dev.quorum.agents.llm.SpokenDuration;
import dev.quorum.envelope.consume.ConsumerGroups;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The scheduler's side of the job stream: enqueues the jobs of a trade date and reports the backlog. */
public final class JobQueue {

    /**
     * What one enqueue did.
     *
     * @param alreadyPublished ticker to the correlation id published for it, for the tickers left out
     */
    public record Enqueued(List<DecisionJob> jobs, Map<String, String> alreadyPublished) {
    }

    /**
     * The backlog as operators see it.
     *
     * @param latestDeadLetters the newest dead letters, newest first, at most {@link #DEAD_LETTERS_SHOWN}
     */
    public record Backlog(long jobs, long pending, long undelivered, List<Consumer> consumers, long deadLetters,
                          List<DeadLetter> latestDeadLetters) {
    }

    /**
     * A consumer the group knows. Redis keeps every consumer that ever read until it is deleted, so a worker that left
     * is still listed: its last read grows old (a working one reads every block timeout, or after the job in hand).
     *
     * @param pending  the jobs it took and has not acknowledged
     * @param lastRead how long ago it last read from the group
     */
    public record Consumer(String name, long pending, Duration lastRead) {

        /** One line: {@code worker-a: 2 pending, last read 3400 ms ago}. */
        public String describe() {
            return name + ": " + pending + " pending, last read " + SpokenDuration.of(lastRead) + " ago";
        }
    }

    /** A job a worker gave up on, as {@link JobWorker} wrote it to the dead-letter stream. */
    public record DeadLetter(String entryId, String ticker, String tradeDate, String worker, String reason) {

        /** One line: which job, who gave up on it, why. */
        public String describe() {
            return entryId + ": " + ticker + " " + tradeDate + " (worker " + worker + "): " + reason;
        }
    }

    /** How many dead letters {@link #backlog} returns: the newest, what an operator looks at first. */
    public static final int DEAD_LETTERS_SHOWN = 5;

    /** Beyond this many, "undelivered" is reported as this many: a status line, not an exact census. */
    private static final int UNDELIVERED_COUNT_LIMIT = 100_000;

    private final UnifiedJedis redis;
    private final ScaleKeys keys;
    private final String group;
    private final DecisionRegistry registry;

    public JobQueue(UnifiedJedis redis, ScaleKeys keys, String group) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.group = Objects.requireNonNull(group, "group");
        this.registry = new DecisionRegistry(redis, keys);
    }

    /**
     * Enqueues one job per ticker for the trade date.
     *
     * @param skipPublished leave out the tickers already published for that date (re-deciding is off); a provisional
     *                      decision does not count: its job is enqueued, and decided again
     */
    public Enqueued enqueue(List<String> tickers, LocalDate tradeDate, boolean skipPublished) {
        ConsumerGroups.ensure(redis, keys.jobStream(), group, new StreamEntryID());
        List<DecisionJob> enqueued = new ArrayList<>();
        Map<String, String> published = new LinkedHashMap<>();
        for (String ticker : tickers) {
            DecisionJob job = new DecisionJob(ticker, tradeDate);
            Optional<String> existing = skipPublished ? finalPublished(job) : Optional.empty();
            if (existing.isPresent()) {
                published.put(ticker, existing.get());
                continue;
            }
            redis.xadd(keys.jobStream(), XAddParams.xAddParams(), job.fields());
            enqueued.add(job);
        }
        return new Enqueued(List.copyOf(enqueued), Collections.unmodifiableMap(published)); // watchlist order
    }

    /**
     * The tickers whose decision of the trade date is published and final, to its correlation id, in the tickers'
     * order; a provisional decision does not count (it is to be decided again).
     */
    public Map<String, String> alreadyPublished(List<String> tickers, LocalDate tradeDate) {
        Map<String, String> published = new LinkedHashMap<>();
        for (String ticker : tickers) {
            finalPublished(new DecisionJob(ticker, tradeDate)).ifPresent(id -> published.put(ticker, id));
        }
        return Collections.unmodifiableMap(published);
    }

    private Optional<String> finalPublished(DecisionJob job) {
        return registry.published(job).filter(p -> !p.provisional()).map(DecisionRegistry.Published::correlationId);
    }

    /**
     * Entries after the group's last delivered one. Redis 7 reports this as the group's {@code lag}, but not when it
     * cannot tell (e.g. after entries were claimed or deleted); then they are counted.
     */
    private long undelivered(StreamGroupInfo info) {
        if (info.getGroupInfo().get("lag") instanceof Long lag) {
            return lag;
        }
        return redis.xrange(keys.jobStream(), "(" + info.getLastDeliveredId(), "+", UNDELIVERED_COUNT_LIMIT).size();
    }

    public Backlog backlog() {
        ConsumerGroups.ensure(redis, keys.jobStream(), group, new StreamEntryID());
        long length = redis.xlen(keys.jobStream());
        StreamGroupInfo info = redis.xinfoGroups(keys.jobStream()).stream()
                .filter(g -> g.getName().equals(group)).findFirst().orElseThrow();
        boolean dead = redis.exists(keys.deadLetters());
        List<DeadLetter> latest = dead ? redis.xrevrange(keys.deadLetters(), "+", "-", DEAD_LETTERS_SHOWN).stream()
                .map(entry -> new DeadLetter(entry.getID().toString(), field(entry, "ticker"), field(entry, "trade_date"),
                        field(entry, "worker"), field(entry, "reason")))
                .toList() : List.of();
        List<Consumer> consumers = redis.xinfoConsumers2(keys.jobStream(), group).stream()
                .map(c -> new Consumer(c.getName(), c.getPending(), Duration.ofMillis(c.getIdle())))
                .sorted(Comparator.comparing(Consumer::name)).toList();
        return new Backlog(length, info.getPending(), undelivered(info), consumers,
                dead ? redis.xlen(keys.deadLetters()) : 0, latest);
    }

    /** A field of a dead letter; a malformed job may lack its ticker or date. */
    private static String field(StreamEntry entry, String name) {
        return entry.getFields().getOrDefault(name, "?");
    }
}
