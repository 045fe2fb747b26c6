package dev.quorum.trader.config;

/**
 * Where closed positions are reported ({@code feedback:} in the trader's file). The bearer token is Quorum's
 * {@code QUORUM_HTTP_TOKEN}, from the environment only.
 *
 * @param quorumUrl     Quorum's HTTP API; {@code /api/feedback} is appended
 * @param retrySeconds  the first wait before a failed delivery is retried; doubles per attempt, at most an hour
 */
public record FeedbackSettings(String quorumUrl, Integer retrySeconds) {

    public FeedbackSettings {
        quorumUrl = Checks.httpUrl("feedback.quorum_url", Checks.orDefault(quorumUrl, "http://127.0.0.1:8088"));
        retrySeconds = Checks.atLeast("feedback.retry_seconds", Checks.orDefault(retrySeconds, 30), 0);
    }

    public static FeedbackSettings defaults() {
        return new FeedbackSettings(null, null);
    }
}
