package dev.quorum.trader;

import java.util.List;
import java.util.Locale;

/**
 * The book at one moment, for {@code trade status} and {@code /metrics}.
 *
 * @param equity         the broker's equity, or (simulated) starting equity + realised P&L
 * @param grossExposure  sum of |shares| x entry price over active positions (planned shares x reference price while
 *                       an entry is working)
 * @param realisedPnl    sum over closed positions, net of costs
 * @param realisedCosts  the costs of both sides of the closed positions: what {@code realisedPnl} is net of
 * @param unrealisedPnl  the open shares marked at their ticker's last close, before costs
 * @param costs          the costs paid on every fill so far, the entries of open positions included
 */
public record TraderStatus(String broker, double equity, long openPositions, double grossExposure, double realisedPnl,
                           double unrealisedPnl, double realisedCosts, double costs, long closedPositions, long ordersRejected, long decisionsSeen,
                           long duplicates, long skippedSample, long skippedProvisional, long feedbackDelivered,
                           long feedbackPending, long feedbackRefused, List<OpenPosition> positions) {

    /**
     * One open position, marked at its ticker's last close.
     *
     * @param entryPrice the fill price of its entry; 0 while the entry order is working (then {@code shares} are planned)
     */
    public record OpenPosition(String correlationId, String ticker, String side, long shares, double entryPrice,
                               double lastClose, double unrealisedPnl, String status) {
    }

    /** The Prometheus text format (0.0.4): one gauge or counter per figure. */
    public String prometheus() {
        StringBuilder out = new StringBuilder();
        gauge(out, "quorum_trader_open_positions", "Positions opening, open or closing.", openPositions);
        gauge(out, "quorum_trader_gross_exposure_dollars", "Sum of |notional| of the active positions at entry.", grossExposure);
        gauge(out, "quorum_trader_equity_dollars", "Account equity.", equity);
        gauge(out, "quorum_trader_realised_pnl_dollars", "Realised P&L of closed positions, net of costs.", realisedPnl);
        gauge(out, "quorum_trader_unrealised_pnl_dollars", "Open shares at the last close, before costs.", unrealisedPnl);
        counter(out, "quorum_trader_costs_dollars_total", "Costs paid on fills.", costs);
        counter(out, "quorum_trader_positions_closed_total", "Positions closed.", closedPositions);
        counter(out, "quorum_trader_orders_rejected_total", "Orders the broker refused.", ordersRejected);
        counter(out, "quorum_trader_decisions_total", "Decisions acted on or deliberately passed (deduplicated).", decisionsSeen);
        counter(out, "quorum_trader_duplicates_total", "Deliveries of a decision already seen (since start).", duplicates);
        counter(out, "quorum_trader_skipped_sample_total", "Envelopes skipped for meta.sample (since start).", skippedSample);
        counter(out, "quorum_trader_skipped_provisional_total", "Envelopes skipped for meta.provisional (since start).", skippedProvisional);
        counter(out, "quorum_trader_feedback_delivered_total", "Feedback payloads Quorum accepted.", feedbackDelivered);
        gauge(out, "quorum_trader_feedback_pending", "Feedback payloads waiting in the outbox.", feedbackPending);
        counter(out, "quorum_trader_feedback_refused_total", "Feedback payloads Quorum refused for good.", feedbackRefused);
        return out.toString();
    }

    /** The lines {@code trade status} prints. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "broker %s  equity %.2f  gross exposure %.2f%n", broker, equity, grossExposure));
        // "net of" the closed positions' costs only: an open position's entry cost is paid but in no realised figure yet.
        out.append(String.format(Locale.ROOT, "realised P&L %+.2f (net of %.2f costs)  unrealised P&L %+.2f  costs paid %.2f%n",
                realisedPnl, realisedCosts, unrealisedPnl, costs));
        out.append(String.format(Locale.ROOT, "positions open %d  closed %d  orders rejected %d  decisions %d%n", openPositions,
                closedPositions, ordersRejected, decisionsSeen));
        out.append(String.format(Locale.ROOT, "feedback delivered %d  pending %d  refused %d%n", feedbackDelivered, feedbackPending, feedbackRefused));
        for (OpenPosition p : positions) {
            // An entry order still working has planned shares and no fill price yet: "@ 0.0000" would read as a price.
            String entry = p.entryPrice() > 0 ? String.format(Locale.ROOT, "%10.4f", p.entryPrice()) : String.format("%10s", "unfilled");
            out.append(String.format(Locale.ROOT, "  %-6s %-5s %6d @ %s  last %10.4f  %+10.2f  %-8s %s%n", p.ticker(), p.side(),
                    p.shares(), entry, p.lastClose(), p.unrealisedPnl(), p.status(), p.correlationId()));
        }
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        metric(out, name, help, "gauge", value);
    }

    private static void counter(StringBuilder out, String name, String help, double value) {
        metric(out, name, help, "counter", value);
    }

    private static void metric(StringBuilder out, String name, String help, String type, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(' ').append(Double.toString(value)).append('\n');
    }
}
