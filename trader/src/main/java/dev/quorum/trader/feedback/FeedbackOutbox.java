package dev.quorum.trader.feedback;

import dev.quorum.trader.state.OutboxEntry;
import dev.quorum.trader.state.TraderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Delivers the outbox's payloads to Quorum's {@code POST /api/feedback}. The answer decides what happens next:
 * <ul>
 *   <li>2xx: delivered;</li>
 *   <li>400, 404, 409, 422: refused for good (a payload Quorum will never take: the decision is unknown to it or
 *       already has an outcome, e.g. resolved from close prices first); logged, kept in the outbox as REFUSED;</li>
 *   <li>anything else (no connection, 401/403 wrong token, 429, 5xx): retried after {@code retry_seconds}, doubling
 *       per attempt up to an hour, so a Quorum that is down or restarting loses nothing.</li>
 * </ul>
 */
public final class FeedbackOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackOutbox.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final TraderStore store;
    private final URI endpoint;
    private final Optional<String> token;
    private final Duration firstRetry;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FeedbackOutbox(TraderStore store, URI quorumUrl, Optional<String> token, Duration firstRetry, Clock clock) {
        this.store = store;
        this.endpoint = URI.create(quorumUrl.toString().replaceAll("/+$", "") + "/api/feedback");
        this.token = token;
        this.firstRetry = firstRetry;
        this.clock = clock;
    }

    /** Tries every due payload once; returns how many were delivered. */
    public int deliverDue() {
        int delivered = 0;
        for (OutboxEntry entry : store.dueFeedback(clock.instant())) {
            if (deliver(entry)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean deliver(OutboxEntry entry) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(entry.payload()));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        int status;
        String body;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            body = response.body();
        } catch (IOException e) {
            retry(entry, "cannot reach " + endpoint + ": " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (status / 100 == 2) {
            store.feedbackAttempt(entry.correlationId(), "DELIVERED", clock.instant(), "");
            LOG.info("feedback for {} delivered", entry.correlationId());
            return true;
        }
        String error = "HTTP " + status + ": " + oneLine(body);
        if (status == 400 || status == 404 || status == 409 || status == 422) {
            store.feedbackAttempt(entry.correlationId(), "REFUSED", clock.instant(), error);
            LOG.warn("feedback for {} refused by Quorum, not retried: {}", entry.correlationId(), error);
        } else {
            retry(entry, error);
        }
        return false;
    }

    private void retry(OutboxEntry entry, String error) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(entry.attempts(), 20));
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        Instant next = clock.instant().plus(wait);
        store.feedbackAttempt(entry.correlationId(), "PENDING", next, error);
        LOG.warn("feedback for {} not delivered (attempt {}), retried at {}: {}", entry.correlationId(), entry.attempts() + 1, next, error);
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
