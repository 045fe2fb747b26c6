package dev.quorum.agents.rules;

import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.envelope.Direction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The votes of one rules agent and how they become a signal (the same for every rules agent):
 * <ul>
 *   <li>each rule votes a score in [-1, +1] (+1 bullish, -1 bearish, 0 no view); {@code net} is their mean;</li>
 *   <li>BULLISH when net &gt; {@value #NEUTRAL_BAND}, BEARISH when net &lt; -{@value #NEUTRAL_BAND}, else NEUTRAL;</li>
 *   <li>confidence: directional {@code 0.5 + 0.45 * |net|} (0.57 .. 0.95); neutral {@code 0.5 - |net|}
 *       (0.35 .. 0.5: the more the rules lean, the less sure "no view" is); then capped by any cap a rule set.</li>
 * </ul>
 * Key factors are the votes, strongest first, as {@code feature=value reading (score)}.
 */
final class Scorecard {

    static final double NEUTRAL_BAND = 0.15;

    private record Vote(String factor, double score) {
    }

    private final List<Vote> votes = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private double confidenceCap = 1.0;

    /** A rule's vote on one feature. */
    void vote(String feature, String value, double score, String reading) {
        if (score < -1 || score > 1) {
            throw new IllegalArgumentException("a rule's score must be in [-1, 1], was " + score + " for " + feature);
        }
        votes.add(new Vote(feature + "=" + value + " " + reading + " (" + signed(score) + ")", score));
    }

    /** Caps the confidence (e.g. thin data) and records why as a key factor. */
    void capConfidence(double cap, String reason) {
        confidenceCap = Math.min(confidenceCap, cap);
        notes.add(reason);
    }

    double net() {
        return votes.isEmpty() ? 0 : votes.stream().mapToDouble(Vote::score).sum() / votes.size();
    }

    Direction direction() {
        double net = net();
        return net > NEUTRAL_BAND ? Direction.BULLISH : net < -NEUTRAL_BAND ? Direction.BEARISH : Direction.NEUTRAL;
    }

    double confidence() {
        double net = Math.abs(net());
        double confidence = direction() == Direction.NEUTRAL ? 0.5 - net : 0.5 + 0.45 * net;
        return Math.min(confidence, confidenceCap);
    }

    AgentSignal toSignal(String agent, String domain, String subject, SignalTelemetry telemetry) {
        Direction direction = direction();
        long agreeing = votes.stream().filter(v -> Math.signum(v.score()) == direction.sign()).count();
        String summary = votes.isEmpty()
                ? String.format(Locale.ROOT, "%s %s for %s: no rule could vote (%s).", label(direction), domain, subject,
                String.join("; ", notes))
                : String.format(Locale.ROOT, "%s %s for %s: net rule score %s, %d of %d rules %s.",
                label(direction), domain, subject, signed(net()), agreeing, votes.size(),
                direction == Direction.NEUTRAL ? "without a view" : "agree");
        List<String> factors = new ArrayList<>();
        votes.stream().sorted((a, b) -> Double.compare(Math.abs(b.score()), Math.abs(a.score())))
                .forEach(v -> factors.add(v.factor()));
        factors.addAll(notes);
        return new AgentSignal(agent, domain, direction, confidence(), shorten(summary),
                factors.subList(0, Math.min(factors.size(), AgentSignal.MAX_KEY_FACTORS)), telemetry);
    }

    static String signed(double value) {
        return String.format(Locale.ROOT, "%+.2f", value);
    }

    /** A ratio as a signed percentage, e.g. {@code +12.3%}. */
    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%+.1f%%", ratio * 100);
    }

    static String plain(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String label(Direction direction) {
        return switch (direction) {
            case BULLISH -> "Bullish";
            case BEARISH -> "Bearish";
            case NEUTRAL -> "Neutral";
        };
    }

    private static String shorten(String text) {
        return text.length() <= AgentSignal.MAX_SUMMARY_CHARS ? text : text.substring(0, AgentSignal.MAX_SUMMARY_CHARS - 3) + "...";
    }
}
