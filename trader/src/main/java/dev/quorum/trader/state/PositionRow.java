package dev.quorum.trader.state;

import java.time.LocalDate;

/**
 * A position as stored: opened by the decision {@code correlationId}.
 *
 * @param status         OPENING (entry order working), OPEN, CLOSING (exit order working), CLOSED, VOID (never filled)
 * @param plannedShares  the shares the entry order asked for
 * @param referencePrice the price the position was sized with
 * @param shares         the shares actually bought (long) or sold short
 * @param entryPrice     the average entry fill price; 0 until filled
 * @param exitShares     the shares closed so far
 * @param exitNotional   sum of closed shares x their fill price
 * @param realisedPnl    net of both sides' costs; set when closed
 * @param closeRequestedOn the session a verdict asked for the close on (closed once the entry is filled); null: none
 */
public record PositionRow(long id, String correlationId, String ticker, boolean longSide, String status,
                          LocalDate tradeDate, long plannedShares, double referencePrice, long shares, double entryPrice,
                          double entryCost, LocalDate entryDate, long exitShares, double exitNotional, double exitCost,
                          LocalDate exitDate, String exitReason, double realisedPnl, LocalDate closeRequestedOn) {

    public boolean active() {
        return status.equals("OPENING") || status.equals("OPEN") || status.equals("CLOSING");
    }

    /** |shares| x entry price, or the planned shares at the reference price while the entry is working. */
    public double notional() {
        return shares > 0 ? shares * entryPrice : plannedShares * referencePrice;
    }

    public double exitPrice() {
        return exitShares == 0 ? 0 : exitNotional / exitShares;
    }

    public PositionRow withStatus(String newStatus) {
        return new PositionRow(id, correlationId, ticker, longSide, newStatus, tradeDate, plannedShares, referencePrice, shares,
                entryPrice, entryCost, entryDate, exitShares, exitNotional, exitCost, exitDate, exitReason, realisedPnl, closeRequestedOn);
    }

    public PositionRow withEntry(long filledShares, double averagePrice, double cost, LocalDate firstFill) {
        return new PositionRow(id, correlationId, ticker, longSide, status, tradeDate, plannedShares, referencePrice, filledShares,
                averagePrice, cost, entryDate == null ? firstFill : entryDate, exitShares, exitNotional, exitCost, exitDate, exitReason,
                realisedPnl, closeRequestedOn);
    }

    public PositionRow withExitFill(long filledShares, double price, double cost, LocalDate on) {
        return new PositionRow(id, correlationId, ticker, longSide, status, tradeDate, plannedShares, referencePrice, shares,
                entryPrice, entryCost, entryDate, exitShares + filledShares, exitNotional + filledShares * price, exitCost + cost,
                on == null ? exitDate : on, exitReason, realisedPnl, closeRequestedOn);
    }

    public PositionRow withExitReason(String reason) {
        return new PositionRow(id, correlationId, ticker, longSide, status, tradeDate, plannedShares, referencePrice, shares,
                entryPrice, entryCost, entryDate, exitShares, exitNotional, exitCost, exitDate, reason, realisedPnl, closeRequestedOn);
    }

    public PositionRow withCloseRequested(LocalDate on, String reason) {
        return new PositionRow(id, correlationId, ticker, longSide, status, tradeDate, plannedShares, referencePrice, shares,
                entryPrice, entryCost, entryDate, exitShares, exitNotional, exitCost, exitDate, reason, realisedPnl, on);
    }

    /** Closed: the realised P&L, net of both sides' costs. */
    public PositionRow closed() {
        double pnl = sign() * (exitPrice() - entryPrice) * exitShares - entryCost - exitCost;
        return new PositionRow(id, correlationId, ticker, longSide, "CLOSED", tradeDate, plannedShares, referencePrice, shares,
                entryPrice, entryCost, entryDate, exitShares, exitNotional, exitCost, exitDate, exitReason, pnl, closeRequestedOn);
    }

    /** Shares still held. */
    public long remaining() {
        return shares - exitShares;
    }

    public int sign() {
        return longSide ? 1 : -1;
    }
}
