package dev.quorum.agents.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.quorum.agents.llm.http.ReplyTooLargeException;
import dev.quorum.agents.signal.ErrorCategory;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

/**
 * What went wrong with one call to one target, and what the chain does about it.
 * The classification is made once, here, from what langchain4j throws.
 */
public enum FailureKind {
    /** 404 {@code model 'x' not found}: not pulled on that endpoint. Next target at once; the model is skipped for a while. */
    MODEL_NOT_FOUND("404 model not found", false, false, ErrorCategory.MODEL),
    /** 400: the request itself is wrong; asking again cannot help. */
    BAD_REQUEST("400 bad request", false, false, ErrorCategory.LOGIC),
    /** 503 "server busy": Ollama's queue (OLLAMA_MAX_QUEUE) is full. */
    SERVER_BUSY("503 server busy", true, true, ErrorCategory.NETWORK),
    /** 500 "llama runner process has terminated": the model crashed (out of memory, bad weights), not the network. */
    MODEL_RUNNER_FAILED("500 model runner failed", true, true, ErrorCategory.MODEL),
    /** Any other 5xx. */
    SERVER_ERROR("5xx server error", true, true, ErrorCategory.NETWORK),
    /** The call took longer than its time limit. */
    TIMEOUT("timeout", true, true, ErrorCategory.NETWORK),
    /**
     * The reply went past the HTTP client's size cap and was cut: not something Ollama sends, so the endpoint
     * misbehaves. Asking it again would spend another call and another cap's worth of memory on the same behaviour:
     * not retried, the chain moves on; it counts against the circuit, so an endpoint that keeps doing it is avoided.
     */
    REPLY_TOO_LARGE("reply over the size cap", false, true, ErrorCategory.NETWORK),
    /** Connection refused, host unknown: the endpoint is down. */
    UNREACHABLE("connection refused", true, true, ErrorCategory.NETWORK),
    /** The target's circuit is open: no call was made. */
    CIRCUIT_OPEN("circuit open, not called", false, false, ErrorCategory.NETWORK),
    /** No free slot on the endpoint within the bulkhead's wait: no call was made. */
    BULKHEAD_FULL("endpoint saturated, not called", false, false, ErrorCategory.NETWORK),
    /** The model answered, but not with a valid output (not JSON, schema or bounds broken). */
    INVALID_OUTPUT("invalid output", false, false, ErrorCategory.MODEL),
    /** The decision's budget (calls or time) is spent: no call was made. */
    BUDGET_EXHAUSTED("decision budget exhausted", false, false, ErrorCategory.BUDGET),
    /** Skipped without a call: the model answered 404 recently. */
    MODEL_UNAVAILABLE("skipped, model not pulled", false, false, ErrorCategory.MODEL),
    /** Skipped without a call: its replies failed validation too many times in a row recently. */
    INVALID_OUTPUT_SKIPPED("skipped, invalid replies in a row", false, false, ErrorCategory.MODEL),
    /** Anything else (another HTTP status, an unexpected exception). */
    UNEXPECTED("unexpected failure", false, true, ErrorCategory.LOGIC);

    private final String label;
    private final boolean retriable;
    private final boolean tripsCircuit;
    private final ErrorCategory category;

    FailureKind(String label, boolean retriable, boolean tripsCircuit, ErrorCategory category) {
        this.label = label;
        this.retriable = retriable;
        this.tripsCircuit = tripsCircuit;
        this.category = category;
    }

    /** Short text for fallback paths and logs. */
    public String label() {
        return label;
    }

    /** Whether the Retry tries the same target again (with backoff). */
    public boolean retriable() {
        return retriable;
    }

    /**
     * Whether the failure counts against the target's circuit breaker (the server's health, not the request's);
     * one that does not is ignored by the circuit, neither tripping nor healing it.
     */
    public boolean tripsCircuit() {
        return tripsCircuit;
    }

    public ErrorCategory category() {
        return category;
    }

    /** Classifies what a guarded call threw. */
    public static FailureKind of(Throwable thrown) {
        // The HTTP status is the most precise evidence; langchain4j keeps it as the cause of its own exceptions.
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http && ofStatus(http.statusCode()) != null) {
                return ofStatus(http.statusCode(), http.getMessage());
            }
        }
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            FailureKind kind = ofType(t);
            if (kind != null) {
                return kind;
            }
        }
        return UNEXPECTED;
    }

    private static FailureKind ofType(Throwable t) {
        if (t instanceof ChainFailure failure) {
            return failure.kind();
        }
        if (t instanceof ModelNotFoundException) {
            return MODEL_NOT_FOUND;
        }
        if (t instanceof InvalidRequestException) {
            return BAD_REQUEST;
        }
        if (t instanceof InternalServerException) {
            return ofStatus(500, t.getMessage());
        }
        if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof TimeoutException
                || t instanceof HttpTimeoutException && !(t instanceof HttpConnectTimeoutException)) {
            return TIMEOUT;
        }
        if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                || t instanceof UnresolvedAddressException || t instanceof UnknownHostException
                || t instanceof ClosedChannelException) {
            return UNREACHABLE;
        }
        if (t instanceof ReplyTooLargeException) {
            return REPLY_TOO_LARGE;
        }
        if (t instanceof CallNotPermittedException) {
            return CIRCUIT_OPEN;
        }
        return null;
    }

    /** Ollama's own words for a crashed runner; a proxy's 500 or another server error says something else. */
    private static FailureKind ofStatus(int status, String body) {
        if (status == 500 && body != null && body.contains("llama runner")) {
            return MODEL_RUNNER_FAILED;
        }
        return ofStatus(status);
    }

    private static FailureKind ofStatus(int status) {
        if (status == 404) {
            return MODEL_NOT_FOUND;
        }
        if (status == 400 || status == 422) {
            return BAD_REQUEST;
        }
        if (status == 503) {
            return SERVER_BUSY;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        return null;
    }
}
