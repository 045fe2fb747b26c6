package dev.quorum.orchestrator.federation;

import dev.quorum.agents.federation.ModelSignalAgent;
import dev.quorum.agents.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Seed 003's interval mode: every few seconds the external models' signals are read, and when one changed the
 * watchlist is decided again, so a model's new call reaches the consensus without waiting for the schedule.
 * The first read is the baseline (the scheduled cycle decides on it). A re-decision that is refused (a cycle is
 * already running) or fails leaves the change pending: the next poll tries again.
 */
public final class SignalWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SignalWatch.class);

    private final UnifiedJedis redis;
    private final String[] keys;
    private final Runnable redecide;
    private List<String> seen;
    private ScheduledExecutorService timer;

    /** @param redecide decides the watchlist again (the engine's scan) */
    public SignalWatch(UnifiedJedis redis, List<String> models, Runnable redecide) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = models.stream().map(ModelSignalAgent::signalKey).toArray(String[]::new);
        this.redecide = Objects.requireNonNull(redecide, "redecide");
        if (keys.length == 0) {
            throw new IllegalArgumentException("no external model to watch: no agent has backend redis");
        }
    }

    /**
     * Reads the signals once; re-decides when one changed since the last successful re-decision.
     *
     * @return whether the watchlist was decided again
     */
    public synchronized boolean poll() {
        List<String> current = new ArrayList<>(redis.mget(keys));
        if (seen == null) {
            seen = current;
            return false;
        }
        if (current.equals(seen)) {
            return false;
        }
        try {
            redecide.run();
        } catch (RuntimeException e) {
            log.info("external model signals changed but the watchlist could not be decided again now ({}); retrying at the next poll",
                    e.getMessage());
            return false;
        }
        seen = current;
        return true;
    }

    /** Polls every {@code interval} until closed; a failed read is logged and the next poll tries again. */
    public synchronized SignalWatch start(Duration interval) {
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("signal-watch"));
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (poll()) {
                    log.info("external model signals changed: the watchlist was decided again");
                }
            } catch (RuntimeException e) {
                log.warn("reading the external model signals failed: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("watching {} external model signal(s) every {} s", keys.length, interval.toSeconds());
        return this;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
