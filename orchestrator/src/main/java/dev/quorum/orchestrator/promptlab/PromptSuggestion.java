package dev.quorum.orchestrator.promptlab;

import dev.quorum.agents.signal.ErrorCategory;
import dev.quorum.envelope.Direction;
import dev.quorum.memory.store.AgentErrorLog;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.backtest.metrics.Directional;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Seed 002's AgentImprover, as a reader's report: an agent's error patterns ({@code get_error_patterns}), its accuracy
 * on its resolved directional calls and its worst ones (wrong on the sign, most confident first), the seed's issues
 * ({@code accuracy_too_low} below 50 %, {@code too_many_timeouts} above 10 NETWORK errors, and {@code invalid_replies}
 * above 10 MODEL errors) and a template suggestion per issue. Nothing is applied: a person edits the prompt and checks
 * it with {@code prompts eval}.
 *
 * @param calls  resolved BULLISH/BEARISH calls
 * @param hits   of which right on the sign of the outcome return
 * @param errors the agent's errors per category, most frequent first
 * @param worst  the worst resolved calls, at most the number asked for
 */
public record PromptSuggestion(String agent, long calls, long hits, Map<ErrorCategory, Long> errors, List<WorstCall> worst,
                               List<String> issues, List<String> suggestions) {

    /** Seed 002's {@code accuracy < 0.5}. */
    public static final double LOW_ACCURACY = 0.5;
    /** Seed 002's {@code errors["timeout"] > 10}. */
    public static final long TOO_MANY_ERRORS = 10;

    /** A resolved call the agent got wrong. */
    public record WorstCall(String ticker, LocalDate tradeDate, Direction signal, double confidence, double realizedReturn,
                            String summary) {
    }

    /** The accuracy on the sign, or null without a resolved call. */
    public Double accuracy() {
        return calls == 0 ? null : (double) hits / calls;
    }

    public static PromptSuggestion of(QuorumDatabase database, String agent, int worstCount) {
        List<WorstCall> wrong = new ArrayList<>();
        long[] counts = new long[2];
        database.read("read the agent's resolved calls", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT d.ticker, d.trade_date, s.signal, s.confidence, o.realized_return, s.summary FROM agent_signals s
                    JOIN decisions d ON d.id = s.decision_id JOIN outcomes o ON o.decision_id = d.id AND o.source = 'market'
                    WHERE s.agent = ? AND s.abstained = 0 AND s.signal <> 'NEUTRAL' AND d.superseded_by IS NULL""")) {
                select.setString(1, agent);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Direction signal = Direction.valueOf(rs.getString("signal"));
                        double r = rs.getDouble("realized_return");
                        counts[0]++;
                        if (Directional.right(signal.sign(), r)) {
                            counts[1]++;
                        } else {
                            wrong.add(new WorstCall(rs.getString("ticker"), LocalDate.parse(rs.getString("trade_date")), signal,
                                    rs.getDouble("confidence"), r, rs.getString("summary")));
                        }
                    }
                }
            }
            return null;
        });
        // Most confidently wrong first; among equals, the larger miss, then the later call.
        wrong.sort(Comparator.comparingDouble(WorstCall::confidence).reversed()
                .thenComparing(Comparator.comparingDouble((WorstCall w) -> Math.abs(w.realizedReturn())).reversed())
                .thenComparing(WorstCall::tradeDate, Comparator.reverseOrder()).thenComparing(WorstCall::ticker));
        Map<ErrorCategory, Long> errors = new AgentErrorLog(database).patterns(agent);
        List<String> issues = new ArrayList<>();
        List<String> suggestions = new ArrayList<>();
        if (counts[0] > 0 && (double) counts[1] / counts[0] < LOW_ACCURACY) {
            issues.add("accuracy_too_low");
            suggestions.add("Ask for NEUTRAL unless the evidence is clear, and state which evidence would make the call wrong: "
                    + "the worst calls above were confident and wrong.");
        }
        if (errors.getOrDefault(ErrorCategory.NETWORK, 0L) > TOO_MANY_ERRORS) {
            issues.add("too_many_timeouts");
            suggestions.add("Shorten the prompt and the reply (fewer key factors, a one-sentence summary) so the model answers "
                    + "within the time limit.");
        }
        if (errors.getOrDefault(ErrorCategory.MODEL, 0L) > TOO_MANY_ERRORS) {
            issues.add("invalid_replies");
            suggestions.add("Restate the reply format at the end of the prompt with one complete example reply, and name every "
                    + "allowed signal value.");
        }
        if (issues.isEmpty()) {
            suggestions.add("No issue reaches the seed's thresholds; the worst calls above are where a prompt change would matter.");
        }
        return new PromptSuggestion(agent, counts[0], counts[1], errors, wrong.subList(0, Math.min(worstCount, wrong.size())),
                issues, suggestions);
    }

    /** The report's facts, one per line: what the template and the LLM suggestions are both based on. */
    public String facts() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Resolved directional calls: %d, right on the sign %d (%s)%n", calls, hits,
                accuracy() == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", accuracy() * 100)));
        text.append("Error patterns: ").append(errors.isEmpty() ? "none recorded"
                : String.join(", ", errors.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())).append('\n');
        text.append("Worst resolved calls (wrong on the sign, most confident first):").append(worst.isEmpty() ? " none\n" : "\n");
        for (WorstCall w : worst) {
            text.append(String.format(Locale.ROOT, "  %-6s %s %-8s %.2f -> %+.2f%%  %s%n", w.ticker(), w.tradeDate(), w.signal(),
                    w.confidence(), w.realizedReturn() * 100, w.summary()));
        }
        text.append("Issues: ").append(issues.isEmpty() ? "none" : String.join(", ", issues)).append('\n');
        return text.toString();
    }
}
