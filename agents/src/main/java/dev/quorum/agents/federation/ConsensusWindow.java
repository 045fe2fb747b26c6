package dev.quorum.agents.federation;

import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Seed 000's consensus window for the models that publish asynchronously: their signals count together only when
 * proposed within {@code window} of each other. The reference is the newest signal among the federated models that
 * would vote now (valid and not stale: {@code federation.max_signal_age_seconds} already bounds the age against the
 * clock); a signal proposed more than {@code window} before it belongs to an earlier round and abstains. The seed
 * keeps a proposal while {@code now - timestamp < window}; here the newest proposal stands for "now" so that a
 * model writing a little late does not silence all of them, only the ones left behind. The models' keys are read in
 * one {@code MGET}, so every member sees the same newest signal.
 */
public final class ConsensusWindow {

    private final UnifiedJedis redis;
    private final List<String> models;
    private final Duration window;
    private final Duration maxAge;

    /**
     * @param models the federated models (agents with {@code backend: redis}) whose signals count together
     * @param window the seed's {@code consensus_window_seconds}, > 0
     * @param maxAge the age beyond which a signal is stale and does not vote
     */
    public ConsensusWindow(UnifiedJedis redis, List<String> models, Duration window, Duration maxAge) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.models = List.copyOf(models);
        this.window = Objects.requireNonNull(window, "window");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("consensus window must be > 0, was " + window);
        }
    }

    /**
     * Why a signal proposed at {@code proposed} does not count with the others at {@code now}; empty when it does.
     */
    Optional<String> outside(Instant proposed, Instant now) {
        List<String> keys = models.stream().map(ModelSignalAgent::signalKey).toList();
        List<String> values = redis.mget(keys.toArray(String[]::new));
        String newestModel = null;
        Instant newest = null;
        for (int i = 0; i < models.size(); i++) {
            String json = values.get(i);
            if (json == null) {
                continue;
            }
            ModelSignal signal;
            try {
                signal = ModelSignal.parse(json);
            } catch (IllegalArgumentException e) {
                continue; // that model abstains on its own malformed signal; it sets no window
            }
            if (Duration.between(signal.timestamp(), now).abs().compareTo(maxAge) > 0) {
                continue;
            }
            if (newest == null || signal.timestamp().isAfter(newest)) {
                newest = signal.timestamp();
                newestModel = models.get(i);
            }
        }
        if (newest == null || Duration.between(proposed, newest).compareTo(window) <= 0) {
            return Optional.empty();
        }
        return Optional.of(String.format("outside the %d s consensus window: proposed at %s, %d s before %s's signal at %s",
                window.toSeconds(), proposed, Duration.between(proposed, newest).toSeconds(), newestModel, newest));
    }
}
