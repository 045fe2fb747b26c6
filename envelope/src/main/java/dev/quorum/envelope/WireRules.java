package dev.quorum.envelope;

import dev.quorum.envelope.json.PrintableText;

import java.util.Objects;

/** The v1 bounds, checked where each record is built so no invalid envelope can exist in memory. */
final class WireRules {

    private WireRules() {
    }

    static double unitInterval(String field, double value) {
        return within(field, value, 0.0, 1.0);
    }

    static double signedUnitInterval(String field, double value) {
        return within(field, value, -1.0, 1.0);
    }

    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidEnvelopeException(field, "must be a finite number, got " + value);
        }
        return value;
    }

    private static final java.util.regex.Pattern TICKER = java.util.regex.Pattern.compile("[A-Z0-9.^-]{1,15}");

    /**
     * Upper-case letters, digits, {@code . ^ -}, 1 to 15 characters (what a watchlist may hold), or empty for a
     * degraded run. Anything else — control characters above all — never reaches a terminal, a log or a key.
     */
    static String ticker(String field, String value) {
        present(field, value);
        if (!value.isEmpty() && !TICKER.matcher(value).matches()) {
            throw new InvalidEnvelopeException(field, Target.NOT_A_TICKER + " ([A-Z0-9.^-]{1,15}), got " + quoted(value));
        }
        return value;
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidEnvelopeException(field, "is required");
        }
        return value;
    }

    static String equalTo(String field, String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            throw new InvalidEnvelopeException(field, "must be \"" + expected + "\", got " + quoted(actual));
        }
        return actual;
    }

    private static double within(String field, double value, double min, double max) {
        finite(field, value);
        if (value < min || value > max) {
            throw new InvalidEnvelopeException(field, "must be within [" + (int) min + ", " + (int) max + "], got " + value);
        }
        return value;
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "\"" + PrintableText.escape(value) + "\"";
    }
}
