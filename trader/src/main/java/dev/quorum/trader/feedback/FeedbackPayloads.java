package dev.quorum.trader.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.trader.state.PositionRow;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 001's feedback payload of a closed position:
 * <pre>{@code {"decision_id": "<correlation id>", "symbol": "AAPL", "entry_price": 150.0, "exit_price": 157.5,
 *  "actual_profit": 75.0, "hold_duration": 5}}</pre>
 * {@code actual_profit} is the dollar move of the position before costs, (exit - entry) x shares for a long and
 * (entry - exit) x shares for a short, so its sign always agrees with the prices (Quorum refuses a payload whose
 * profit contradicts its entry and exit); the costs stay in the trader's own net P&L. {@code hold_duration} is the
 * calendar days from the entry fill to the exit fill, at least 1. {@code agent_votes} is left out: Quorum has the
 * votes of the decision already.
 */
public final class FeedbackPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedbackPayloads() {
    }

    /** The dollar move before costs. */
    public static double grossProfit(PositionRow p) {
        return p.sign() * (p.exitPrice() - p.entryPrice()) * p.exitShares();
    }

    public static int holdDays(PositionRow p) {
        return (int) Math.max(1, ChronoUnit.DAYS.between(p.entryDate(), p.exitDate()));
    }

    public static String of(PositionRow closed) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("decision_id", closed.correlationId());
        payload.put("symbol", closed.ticker());
        payload.put("entry_price", closed.entryPrice());
        payload.put("exit_price", closed.exitPrice());
        payload.put("actual_profit", Math.round(grossProfit(closed) * 100.0) / 100.0);
        payload.put("hold_duration", holdDays(closed));
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a feedback payload of numbers and text cannot fail to serialise", e);
        }
    }
}
