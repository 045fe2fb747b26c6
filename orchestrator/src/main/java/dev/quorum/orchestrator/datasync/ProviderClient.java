package dev.quorum.orchestrator.datasync;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * GET requests to one provider: at most one request per {@code minInterval} (the providers' rate limits are per
 * key or per address, so pacing is per provider), each bounded by {@code requestTimeout}, retried by a resilience4j
 * {@link Retry} with exponential backoff when the failure is {@linkplain SyncFailure.Kind#retriable() retriable}
 * (429, 5xx, a connection that broke or timed out). 401/403 fail at once: retrying a refused key only burns quota.
 * A 429 or 503 with {@code Retry-After} (seconds or an HTTP date) waits at least that long before the next attempt;
 * a wait that would end after the sync's own time limit ({@link SyncDeadline}) is not waited for: the request fails
 * at once.
 */
final class ProviderClient {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderClient.class);

    private final String provider;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final long minIntervalNanos;
    private final Retry retry;
    private final SyncMetrics metrics;
    private final SyncDeadline deadline;
    private long lastRequestNanos = Long.MIN_VALUE;

    /** @param deadline when the sync in progress must be over: no {@code Retry-After} is waited for past it */
    ProviderClient(String provider, HttpClient http, Duration requestTimeout, Duration minInterval, int maxAttempts,
                   Duration initialBackoff, SyncDeadline deadline, SyncMetrics metrics) {
        this.provider = provider;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.minIntervalNanos = minInterval.toNanos();
        this.metrics = metrics;
        this.deadline = deadline;
        IntervalFunction backoff = IntervalFunction.ofExponentialBackoff(initialBackoff, 2.0);
        this.retry = Retry.of(provider, RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalBiFunction((attempt, outcome) -> {
                    long millis = backoff.apply(attempt);
                    if (outcome.isLeft() && outcome.getLeft() instanceof SyncFailure failure && failure.retryAfter().isPresent()) {
                        millis = Math.max(millis, failure.retryAfter().get().toMillis());
                    }
                    return millis;
                })
                // Waiting longer than the sync may take is not worth it: such an answer fails at once.
                .retryOnException(thrown -> thrown instanceof SyncFailure failure && failure.kind().retriable()
                        && failure.retryAfter().filter(wait -> !deadline.allows(wait)).isEmpty())
                .build());
        retry.getEventPublisher().onRetry(event -> LOG.warn("{}: retry {} in {} ms after: {}", provider,
                event.getNumberOfRetryAttempts(), event.getWaitInterval().toMillis(), event.getLastThrowable().getMessage()));
    }

    String provider() {
        return provider;
    }

    /**
     * The body of a 200 answer to {@code uri}.
     *
     * @param what what is being fetched, for error messages ("AAPL bars")
     * @throws SyncFailure after the last attempt, or at once when retrying cannot help
     */
    String get(URI uri, Map<String, String> headers, String what) {
        try {
            return Retry.decorateSupplier(retry, () -> once(uri, headers, what)).get();
        } catch (SyncFailure e) {
            metrics.failed(provider);
            throw e;
        }
    }

    void rowsFetched(int rows) {
        metrics.rowsFetched(provider, rows);
    }

    private String once(URI uri, Map<String, String> headers, String what) {
        if (deadline.passed()) {
            throw new SyncFailure(SyncFailure.Kind.OUT_OF_TIME, provider + ": " + what + ": not asked: the sync's time limit"
                    + " (market.sync.timeout_seconds = " + deadline.limit().toSeconds() + ") has passed");
        }
        pace();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET();
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SyncFailure(SyncFailure.Kind.UNAVAILABLE, provider + ": " + what + ": connection failed ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailure(SyncFailure.Kind.UNAVAILABLE, provider + ": " + what + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        String detail = oneLine(response.body());
        if (status == 401 || status == 403) {
            throw new SyncFailure(SyncFailure.Kind.AUTH, provider + " refused the request with HTTP " + status + " (" + detail
                    + "): check the key and secret (QUORUM_MARKET_SYNC_ALPACA_KEY_ID / QUORUM_MARKET_SYNC_ALPACA_SECRET_KEY)"
                    + " and that the plan covers this data");
        }
        String failed = provider + ": " + what + ": HTTP " + status + " (" + detail + ")";
        Optional<Duration> retryAfter = status == 429 || status == 503
                ? retryAfter(response.headers().firstValue("Retry-After"), Instant.now()) : Optional.empty();
        if (retryAfter.isPresent() && !deadline.allows(retryAfter.get())) {
            failed += " asks to wait " + retryAfter.get().toSeconds() + " s (Retry-After), past the sync's time limit"
                    + " (market.sync.timeout_seconds = " + deadline.limit().toSeconds() + "): not retried";
        }
        SyncFailure.Kind kind = status == 429 || status >= 500 ? SyncFailure.Kind.UNAVAILABLE : SyncFailure.Kind.BAD_RESPONSE;
        throw new SyncFailure(kind, failed, retryAfter);
    }

    /** Waits until {@code minInterval} has passed since the previous request of this provider. */
    private synchronized void pace() {
        long now = System.nanoTime();
        if (lastRequestNanos != Long.MIN_VALUE) {
            long wait = lastRequestNanos + minIntervalNanos - now;
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SyncFailure(SyncFailure.Kind.UNAVAILABLE, provider + ": interrupted while pacing requests", e);
                }
                now = System.nanoTime();
            }
        }
        lastRequestNanos = now;
    }

    /**
     * The wait a {@code Retry-After} value asks for: delta-seconds or an HTTP date (RFC 9110); empty when absent or
     * unreadable (then the exponential backoff applies alone). A date in the past asks for no wait.
     */
    static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        try {
            if (value.matches("\\d{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            LOG.warn("unreadable Retry-After '{}': backing off as usual", oneLine(value));
            return Optional.empty();
        }
    }

    static String oneLine(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }
}
