package dev.quorum.orchestrator.http;

/**
 * The body of every error response.
 *
 * @param error  a short machine-readable code, e.g. {@code bad_request}, {@code unavailable}
 * @param detail a sentence for the operator; never a stack trace or a secret
 */
public record ApiError(String error, String detail) {
}
