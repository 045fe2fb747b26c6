package dev.quorum.orchestrator.scaleout;

import dev.quorum.envelope.consume.ConsumerGroupReader;
import dev.quorum.envelope.consume.GroupSettings;
import dev.quorum.envelope.consume.ReadSettings;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.consume.ReceivedEnvelope;
import dev.quorum.envelope.json.EnvelopeJson;
import dev.quorum.envelope.redis.ArenaKeys;
import dev.quorum.memory.store.DecisionStore;
import dev.quorum.agents.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The single writer of everything learned: runs in the scheduler and copies every published envelope (from any
 * worker) into the scheduler's own SQLite, where the ordinary outcome resolution scores it, moves the trust
 * weights and trains the meta-learner; the trust ledger mirrors the weights to Redis, where workers read them.
 * One writer means no update is lost or applied twice, whatever the number of workers.
 * <p>
 * Only the holder of the learner lease (a Redis key with an expiry, renewed while it runs) reads; a second
 * scheduler stands by and takes over when the first one's lease lapses. The envelopes are read through a consumer
 * group created at the stream's start, so a new learner first catches up with everything already published and a
 * restarted one continues where it stopped; copying is idempotent per correlation id. The group is shared, so what an
 * earlier leader acknowledged is not delivered to its successor: on taking the lease, a learner first copies every
 * envelope still on the stream that its store lacks, and only then {@linkplain #leading leads}. Its next outcome
 * resolution then learns from every published decision, in (trade date, ticker) order, instead of starting over.
 */
public final class EnvelopeLearner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeLearner.class);
    static final String GROUP = "quorum-learner";

    private final UnifiedJedis redis;
    private final String envelopeStream;
    private final String consumer;
    private final Duration lease;
    private final RedisLease leadership;
    private final DecisionStore store;
    private final PublishedDecisions decisions;
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean closed;
    /** Whether this learner holds the lease and has copied what earlier leaders copied. */
    private volatile boolean caughtUp;
    private volatile ConsumerGroupReader reader;
    private Thread thread;

    /** @param lease how long the lease lasts without renewal: how long a dead learner blocks its stand-by */
    public EnvelopeLearner(UnifiedJedis redis, ScaleKeys keys, String envelopeStream, String consumer, Duration lease,
                           DecisionStore store, PublishedDecisions decisions) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.envelopeStream = Objects.requireNonNull(envelopeStream, "envelopeStream");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.leadership = new RedisLease(redis, Objects.requireNonNull(keys, "keys").learnerLease(), consumer, lease);
        this.store = Objects.requireNonNull(store, "store");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
    }

    public synchronized void start() {
        if (thread == null) {
            thread = DaemonThreads.named("learner").newThread(this::leadWhileLeased);
            thread.start();
        }
    }

    /** Envelopes copied into the learner's store since start. */
    public long copied() {
        return copied.get();
    }

    /** Envelopes that could not be copied (no ticker, no market data for their date), logged with the reason. */
    public long rejected() {
        return rejected.get();
    }

    /** Whether this process holds the lease now, with every envelope on the stream copied into its store. */
    public boolean leading() {
        return caughtUp && leadership.held();
    }

    /**
     * Waits until this learner {@linkplain #leading leads} (it takes a free lease within a third of its term, then
     * catches up), for at most {@code limit}.
     *
     * @return true when it leads; false at once when another scheduler holds the lease, or when {@code limit} passed
     */
    public boolean awaitLeading(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!closed) {
            if (leading()) {
                return true;
            }
            if (leadership.heldByAnother() || System.nanoTime() - deadline > 0) {
                return false;
            }
            pause(Duration.ofMillis(200));
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return false;
    }

    private void leadWhileLeased() {
        Duration retry = lease.dividedBy(3);
        while (!closed) {
            try {
                if (leadership.take() || leadership.renew()) {
                    log.info("learner {}: holding the lease, learning from {}", consumer, envelopeStream);
                    readWhileLeased(retry);
                }
            } catch (RuntimeException e) {
                log.warn("learner {}: {}; retrying", consumer, e.getMessage());
            }
            if (!closed) {
                pause(retry);
            }
        }
    }

    private void readWhileLeased(Duration renewEvery) {
        // A read blocks for at most renewEvery (and the longest BLOCK a client allows), so the lease is renewed in
        // time between reads.
        Duration block = renewEvery.compareTo(RedisConnections.LONGEST_BLOCK) < 0 ? renewEvery : RedisConnections.LONGEST_BLOCK;
        ConsumerGroupReader current = new ConsumerGroupReader(redis,
                new ReadSettings(envelopeStream, 100, block), new GroupSettings(GROUP, consumer, lease, true));
        reader = current;
        Thread renewer = DaemonThreads.named("learner-lease").newThread(() -> {
            while (!closed && !current.stopRequested()) {
                pause(renewEvery);
                try {
                    if (!leadership.renew()) {
                        log.warn("learner {}: lease lost; standing by", consumer);
                        current.stop();
                    }
                } catch (RuntimeException e) {
                    log.warn("learner {}: lease not renewed ({}); standing by", consumer, e.getMessage());
                    current.stop();
                }
            }
        });
        renewer.start();
        try {
            catchUp(current::stopRequested);
            if (!current.stopRequested()) {
                caughtUp = true;
                current.run(this::copy);
            }
        } finally {
            caughtUp = false;
            current.stop();
            renewer.interrupt();
        }
    }

    /**
     * Copies every envelope on the stream that the store does not hold yet: those an earlier leader acknowledged in
     * the shared group (a stand-by taking over), or published while this one was down.
     */
    private void catchUp(BooleanSupplier stop) {
        long before = copied.get();
        String after = "-";
        while (!closed && !stop.getAsBoolean()) {
            List<StreamEntry> batch = redis.xrange(envelopeStream, after, "+", 100);
            if (batch.isEmpty()) {
                break;
            }
            for (StreamEntry entry : batch) {
                String data = entry.getFields() == null ? null : entry.getFields().get(ArenaKeys.DATA_FIELD);
                // An entry that is no envelope is skipped here; the group read logs and counts it.
                EnvelopeJson.read(data == null ? "" : data).envelope()
                        .filter(envelope -> store.find(envelope.correlationId()).isEmpty())
                        .ifPresent(envelope -> copy(new ReceivedEnvelope(entry.getID().toString(), envelope)));
            }
            after = "(" + batch.get(batch.size() - 1).getID();
        }
        if (copied.get() > before) {
            log.info("learner {}: copied {} envelope(s) published before it held the lease", consumer, copied.get() - before);
        }
    }

    private void copy(ReceivedEnvelope received) {
        try {
            if (store.recordPublished(decisions.record(received.envelope()))) {
                copied.incrementAndGet();
            }
        } catch (IllegalArgumentException | dev.quorum.agents.market.MarketDataException e) {
            // Not learnable (another publisher's envelope, a date without data): acknowledged, counted, logged.
            rejected.incrementAndGet();
            log.warn("learner: envelope {} ({}) not learned from: {}", received.envelope().correlationId(), received.entryId(), e.getMessage());
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops reading and gives the lease up, so a stand-by learner takes over at once. */
    @Override
    public void close() {
        closed = true;
        ConsumerGroupReader current = reader;
        if (current != null) {
            current.stop();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(lease.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            leadership.release();
        } catch (RuntimeException e) {
            log.debug("learner lease not released: {}", e.getMessage());
        }
    }
}
