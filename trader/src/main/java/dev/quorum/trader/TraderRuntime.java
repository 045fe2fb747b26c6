package dev.quorum.trader;

import dev.quorum.envelope.consume.ConsumerGroupReader;
import dev.quorum.envelope.consume.EnvelopeHandler;
import dev.quorum.envelope.consume.GroupSettings;
import dev.quorum.envelope.consume.ReadSettings;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUnavailableException;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.trader.broker.AlpacaBroker;
import dev.quorum.trader.broker.Broker;
import dev.quorum.trader.broker.MarketData;
import dev.quorum.trader.broker.SimulatedBroker;
import dev.quorum.trader.config.BrokerSettings;
import dev.quorum.trader.config.StreamSettings;
import dev.quorum.trader.config.TraderConfig;
import dev.quorum.trader.config.TraderSetup;
import dev.quorum.trader.feedback.FeedbackOutbox;
import dev.quorum.trader.state.TraderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.StreamGroupInfo;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A trader put together from its setup: the SQLite state, the market data, the broker, the feedback outbox, and
 * (for {@link #run}) the Redis consumer group. {@code trade status} opens it without Redis.
 */
public final class TraderRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TraderRuntime.class);

    private final TraderSetup setup;
    private final TraderStore store;
    private final Trader trader;
    private final Broker broker;

    private TraderRuntime(TraderSetup setup, TraderStore store, Broker broker, Trader trader) {
        this.setup = setup;
        this.store = store;
        this.broker = broker;
        this.trader = trader;
    }

    public static TraderRuntime open(TraderSetup setup) {
        TraderConfig config = setup.config();
        if (!java.nio.file.Files.isDirectory(config.marketData().resolve("prices"))) {
            throw new dev.quorum.trader.config.TraderConfigException("market_data_dir: " + config.marketData().toAbsolutePath()
                    + " has no prices/ directory (Quorum's market.data_dir layout: prices/<TICKER>.csv)");
        }
        MarketData market = new MarketData(config.marketData());
        Broker broker = switch (config.broker().brokerKind()) {
            case SIMULATED -> new SimulatedBroker(market, config.broker().costBps());
            case ALPACA -> new AlpacaBroker(setup.alpacaBaseUrl(), setup.environment().alpacaKeyId().orElseThrow(),
                    setup.environment().alpacaSecret().orElseThrow(), config.broker().live());
        };
        TraderStore store = TraderStore.open(config.state());
        FeedbackOutbox outbox = new FeedbackOutbox(store, URI.create(config.feedback().quorumUrl()), setup.environment().quorumToken(),
                Duration.ofSeconds(config.feedback().retrySeconds()), Clock.systemUTC());
        Trader trader = new Trader(store, broker, market, config.policy(), outbox, config.broker().startingEquity());
        return new TraderRuntime(setup, store, broker, trader);
    }

    public Trader trader() {
        return trader;
    }

    public Broker broker() {
        return broker;
    }

    /**
     * Reconciles, then consumes the stream and sweeps every {@code sweep_seconds} until {@code stop} counts down, or,
     * with {@code once}, until the group has nothing left to deliver (but the entries this run could not handle) and the
     * book is at rest. A sweep runs the book to the market data's last session only once the group is drained; before,
     * only as far as the latest decision seen (see {@link Trader}).
     *
     * @return the entries left pending because handling them failed, with why, oldest first: empty when all was done
     * @throws RedisUnavailableException when Redis cannot be reached at the start, or is lost
     *         during {@code once} (the entries read but not acknowledged stay pending for the next run)
     */
    public List<String> run(boolean once, CountDownLatch stop) throws InterruptedException {
        StreamSettings stream = setup.config().stream();
        String consumer = Optional.ofNullable(stream.consumer()).orElse(defaultConsumer());
        GroupSettings group = new GroupSettings(stream.group(), consumer, Duration.ofSeconds(stream.reclaimSeconds()), stream.fromStart());
        ReadSettings read = ReadSettings.defaults().withStream(stream.name());
        try (UnifiedJedis redis = RedisConnections.open(RedisUrl.parse(setup.redisUrl()));
             MetricsServer metrics = setup.config().metrics().map(port -> new MetricsServer(port, trader::status)).orElse(null)) {
            if (metrics != null) {
                LOG.info("trader metrics on http://127.0.0.1:{}/metrics", metrics.port());
            }
            try {
                redis.ping();
            } catch (JedisException e) {
                throw new RedisUnavailableException("cannot reach " + RedisUrl.redact(setup.redisUrl())
                        + ": " + e.getMessage(), e);
            }
            List<String> mismatched = trader.reconcile();
            LOG.info("trading {} from {} as {}/{} with the {} broker{}", stream.name(), RedisUrl.redact(setup.redisUrl()), stream.group(),
                    consumer, broker.name(), mismatched.isEmpty() ? "" : "; reconciliation found differences in " + mismatched);
            ConsumerGroupReader reader = new ConsumerGroupReader(redis, read, group);
            // Entry id -> why its handling failed, while it stays pending: --once ends with these named, not waiting
            // for ever on an entry that fails again at each reclaim.
            Map<String, String> failing = new ConcurrentSkipListMap<>();
            EnvelopeHandler handler = received -> {
                try {
                    trader.onEnvelope(received);
                    failing.remove(received.entryId());
                } catch (RuntimeException e) {
                    failing.put(received.entryId(), received.envelope().correlationId() + " "
                            + received.envelope().decision().target().ticker() + " " + received.envelope().decision().target().tradeDate()
                            + ": " + e.getMessage());
                    throw e;
                }
            };
            Thread consuming = new Thread(() -> consume(reader, handler, stop), "trader-stream");
            consuming.setDaemon(true);
            consuming.start();
            try {
                long sweepMillis = Duration.ofSeconds(setup.config().sweepSeconds()).toMillis();
                while (true) {
                    if (once && drained(redis, stream.name(), stream.group(), failing.size(), once)) {
                        break;
                    }
                    if (stop.await(once ? read.blockTimeout().toMillis() : sweepMillis, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    if (!consuming.isAlive()) {
                        throw new IllegalStateException("the stream reader stopped; see the log");
                    }
                    if (drained(redis, stream.name(), stream.group(), failing.size(), once)) {
                        trader.sweep();
                    } else {
                        trader.sweepToLatestDecision();
                    }
                }
            } finally {
                reader.stop();
                consuming.join(read.blockTimeout().toMillis() * 3);
            }
            if (once) {
                // The book at rest: fills applied, due exits placed and filled, feedback tried.
                for (int i = 0; i < 100 && trader.sweep() > 0; i++) {
                    LOG.debug("sweeping until the book is at rest");
                }
            }
            return failing.entrySet().stream().map(e -> "entry " + e.getKey() + " (" + e.getValue() + ")").toList();
        }
    }

    /**
     * Runs the reader until stopped; a Redis failure (a restart, a network blip) is logged and the reader resumes
     * after a pause, starting again from its own pending entries.
     */
    private static void consume(ConsumerGroupReader reader, EnvelopeHandler handler,
                                CountDownLatch stop) {
        while (!reader.stopRequested()) {
            try {
                reader.run(handler);
                return;
            } catch (JedisException e) {
                LOG.warn("reading the stream failed ({}); resuming in 5 s", e.getMessage());
                try {
                    if (stop.await(5, TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The group has been handed every entry and acknowledged them all, but the {@code failing} ones this run could not
     * handle. Redis lost: with {@code once} that ends the run (one line, exit 2); otherwise the reader logs it and
     * resumes when Redis is back, and meanwhile the book is swept as drained, so due exits are not held up by an outage.
     */
    private boolean drained(UnifiedJedis redis, String stream, String group, int failing, boolean once) {
        try {
            StreamEntryID last;
            try {
                last = redis.xinfoStream(stream).getLastGeneratedId();
            } catch (JedisDataException noStreamYet) {
                return false;
            }
            for (StreamGroupInfo info : redis.xinfoGroups(stream)) {
                if (info.getName().equals(group)) {
                    return info.getPending() <= failing && info.getLastDeliveredId().compareTo(last) >= 0;
                }
            }
            return false;
        } catch (JedisConnectionException e) {
            if (once) {
                throw new RedisUnavailableException("lost " + RedisUrl.redact(setup.redisUrl())
                        + " before the stream was drained (" + e.getMessage() + "); what was read and not handled stays pending for the next run", e);
            }
            return true;
        }
    }

    private static String defaultConsumer() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    @Override
    public void close() {
        store.close();
    }
}
