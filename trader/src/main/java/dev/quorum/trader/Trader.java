package dev.quorum.trader;

import dev.quorum.envelope.Synthesis;
import dev.quorum.envelope.Target;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.consume.ReceivedEnvelope;
import dev.quorum.trader.broker.Broker;
import dev.quorum.trader.broker.BrokerException;
import dev.quorum.trader.broker.MarketData;
import dev.quorum.trader.broker.OrderState;
import dev.quorum.trader.broker.OrderStatus;
import dev.quorum.trader.broker.Session;
import dev.quorum.trader.broker.Side;
import dev.quorum.trader.config.PolicySettings;
import dev.quorum.trader.feedback.FeedbackOutbox;
import dev.quorum.trader.feedback.FeedbackPayloads;
import dev.quorum.trader.policy.ExitRule;
import dev.quorum.trader.policy.Holding;
import dev.quorum.trader.policy.Plan;
import dev.quorum.trader.policy.PositionPolicy;
import dev.quorum.trader.state.BookTotals;
import dev.quorum.trader.state.OrderRow;
import dev.quorum.trader.state.PositionRow;
import dev.quorum.trader.state.TraderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The book: what each decision does to it ({@link #onEnvelope}, the stream handler) and what time does to it
 * ({@link #sweep}: orders placed and refreshed, fills applied, due exits placed, feedback delivered). Both are
 * synchronized: the stream thread and the sweep timer never interleave inside one change.
 *
 * <p>At least once, exactly once in effect: a decision is recorded in the same transaction as the orders it causes,
 * keyed by its correlation id, so a redelivery (a restart before the XACK, a reclaim) finds it and does nothing; an
 * order is recorded before the broker hears of it and the broker is idempotent on its client order id, so a crash
 * between the two is repaired by the next sweep placing it again.
 *
 * <p>The book never runs ahead of the decisions still to be read: a decision is sized against the book as it stood on
 * its trade date (the fills and exits up to that session applied, none after it), and while the stream still holds
 * decisions for this trader ({@link #sweepToLatestDecision}) time moves only as far as the latest one seen. Only a
 * drained stream lets {@link #sweep} run the book to the market data's last session. Without this a backlog (a group
 * read from the start, a restart after downtime) filled and closed each position through the whole price file before
 * the next decision of the same day was sized: the caps saw none of the others, the equity held P&L from later days,
 * and a SELL met no long to close.
 */
public final class Trader {

    private static final Logger LOG = LoggerFactory.getLogger(Trader.class);
    /** Closing attempts of one position before it is left open for an operator. */
    private static final int MAX_CLOSE_ORDERS = 3;

    private final TraderStore store;
    private final Broker broker;
    private final MarketData market;
    private final PositionPolicy policy;
    private final ExitRule exits;
    private final FeedbackOutbox outbox;
    private final double startingEquity;
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong skippedSample = new AtomicLong();
    private final AtomicLong skippedProvisional = new AtomicLong();
    private final AtomicLong brokerErrors = new AtomicLong();

    public Trader(TraderStore store, Broker broker, MarketData market, PolicySettings policy, FeedbackOutbox outbox,
                  double startingEquity) {
        this.store = store;
        this.broker = broker;
        this.market = market;
        this.policy = new PositionPolicy(policy);
        this.exits = new ExitRule(policy);
        this.outbox = outbox;
        this.startingEquity = startingEquity;
    }

    /**
     * Before the first decision: every working order is placed or refreshed at the broker (an order recorded just
     * before a crash is placed now, one the broker already has is adopted), due exits are placed and the outbox is
     * flushed; then the broker's positions are compared with the book.
     *
     * @return the tickers whose shares differ between the broker and the book (logged; the book is not rewritten)
     */
    public synchronized List<String> reconcile() {
        // The stream may still hold a backlog: the book moves no further than the decisions it has seen.
        sweepToLatestDecision();
        Optional<Map<String, Long>> held;
        try {
            held = broker.positions();
        } catch (BrokerException e) {
            LOG.warn("reconciliation: cannot read the broker's positions ({}); the book is kept as stored", e.getMessage());
            return List.of();
        }
        if (held.isEmpty()) {
            return List.of();
        }
        Map<String, Long> book = new HashMap<>();
        // An entry still filling holds what it has bought so far.
        for (PositionRow p : store.positions("OPENING", "OPEN", "CLOSING")) {
            book.merge(p.ticker(), p.sign() * p.remaining(), Long::sum);
        }
        List<String> mismatched = new ArrayList<>();
        java.util.Set<String> tickers = new java.util.TreeSet<>(book.keySet());
        tickers.addAll(held.get().keySet());
        for (String ticker : tickers) {
            long mine = book.getOrDefault(ticker, 0L);
            long theirs = held.get().getOrDefault(ticker, 0L);
            if (mine != theirs) {
                mismatched.add(ticker);
                LOG.warn("reconciliation: {} holds {} shares of {} but the book says {}; positions opened outside the "
                        + "trader are left alone", broker.name(), theirs, ticker, mine);
            }
        }
        return mismatched;
    }

    /**
     * The peer review's {@code meta.review.size_factor} (seed 002's CAUTION with {@code review.caution: size}), clamped to
     * [0, 1]; 1 when absent or not a number (an older orchestrator, or another producer of the envelope).
     */
    static double reviewSizeFactor(TradingIntelligenceEnvelope envelope) {
        if (envelope.meta().get("review") instanceof Map<?, ?> review && review.get("size_factor") instanceof Number factor
                && Double.isFinite(factor.doubleValue())) {
            return Math.max(0.0, Math.min(1.0, factor.doubleValue()));
        }
        return 1.0;
    }

    /** The stream handler: one decision. Throws only when the state could not be written (the entry stays pending). */
    public synchronized void onEnvelope(ReceivedEnvelope received) {
        TradingIntelligenceEnvelope envelope = received.envelope();
        if (Boolean.TRUE.equals(envelope.meta().get("sample"))) {
            skippedSample.incrementAndGet();
            return;
        }
        if (Boolean.TRUE.equals(envelope.meta().get("provisional"))) {
            skippedProvisional.incrementAndGet();
            return;
        }
        String id = envelope.correlationId();
        if (store.seen(id)) {
            duplicates.incrementAndGet();
            LOG.debug("decision {} already seen (entry {}); skipped", id, received.entryId());
            return;
        }
        if (envelope.meta().get("supersedes") instanceof String replaced && store.seen(replaced)) {
            // A re-decided (ticker, day): the first decision's orders may be working or filled, and the trader cannot
            // withdraw an order, so trading the new verdict too would hold both sides and pay both sets of costs.
            record(received, null, "skipped: supersedes decision " + replaced + ", which this trader already handled"
                    + " (one decision per ticker and day is traded)");
            LOG.warn("{} supersedes {}, already handled; not traded", id, replaced);
            return;
        }
        Target target = envelope.decision().target();
        Synthesis synthesis = envelope.decision().synthesis();
        String ticker = target.ticker();
        LocalDate tradeDate;
        try {
            tradeDate = LocalDate.parse(target.tradeDate());
        } catch (DateTimeParseException e) {
            record(received, null, "skipped: trade_date \"" + target.tradeDate() + "\" is not a date");
            return;
        }
        Optional<Session> reference = ticker.isBlank() ? Optional.empty() : market.onOrBefore(ticker, tradeDate);
        if (reference.isEmpty()) {
            record(received, null, "skipped: no price for \"" + ticker + "\" on or before " + tradeDate + " in "
                    + market.directory().resolve("prices"));
            return;
        }
        Optional<Session> tradedAt = market.after(ticker, tradeDate);
        if (!broker.fillsFromMarketData() && tradedAt.isPresent()) {
            // The session it was to be traded at is over: a real broker would fill it now, at today's price, sized with
            // an old close. Recorded, so a redelivery does not ask again.
            record(received, null, "skipped: stale for " + broker.name() + ": " + ticker + "'s prices already hold "
                    + tradedAt.get().date() + ", the session after the trade date " + tradeDate);
            LOG.warn("{} {} {}: stale for {} (the data already holds {}); not traded", id, ticker, tradeDate, broker.name(),
                    tradedAt.get().date());
            return;
        }
        double price = reference.get().close();
        // The book as it stood on the decision's day: the fills and exits up to that session, none after it.
        sweep(Optional.of(tradeDate));
        Optional<PositionRow> current = store.holding(ticker);
        Plan plan = policy.decide(synthesis.verdict(), synthesis.confidence(),
                current.map(p -> new Holding(p.correlationId(), p.longSide(), p.notional())), equity(), grossExposure(), price,
                reviewSizeFactor(envelope));
        record(received, plan, plan.reason());
        LOG.info("{} {} {} {} {}: {}", id, ticker, tradeDate, synthesis.verdict(),
                String.format(java.util.Locale.ROOT, "%.2f", synthesis.confidence()), plan.reason());
        if (plan.acts()) {
            sweep(Optional.of(tradeDate));
        }
    }

    private void record(ReceivedEnvelope received, Plan plan, String action) {
        TradingIntelligenceEnvelope envelope = received.envelope();
        Target target = envelope.decision().target();
        Synthesis synthesis = envelope.decision().synthesis();
        String id = envelope.correlationId();
        store.inTransaction("record decision " + id, () -> {
            store.insertDecision(id, received.entryId(), target.ticker(), target.tradeDate(), synthesis.verdict().name(),
                    synthesis.confidence(), action);
            if (plan == null) {
                return null;
            }
            LocalDate tradeDate = LocalDate.parse(target.tradeDate());
            if (plan.close().isPresent()) {
                PositionRow closing = store.position(plan.close().get()).orElseThrow();
                store.updatePosition(closing.withCloseRequested(tradeDate, "verdict " + synthesis.verdict() + " " + id));
            }
            if (plan.open().isPresent()) {
                Plan.Opening open = plan.open().get();
                double price = market.onOrBefore(target.ticker(), tradeDate).orElseThrow().close();
                store.insertPosition(id, target.ticker(), open.longSide(), tradeDate, open.shares(), price);
                store.insertOrder(id, id, "OPEN", target.ticker(), open.longSide() ? Side.BUY : Side.SELL, open.shares(), tradeDate);
            }
            return null;
        });
    }

    /**
     * What time does to the book, once the stream holds nothing more for this trader: working orders placed or
     * refreshed and their fills applied, due exits placed (and refreshed at once), feedback of closed positions
     * delivered, through the market data's last session.
     *
     * @return how many orders changed state or were created: 0 when the book is at rest
     */
    public synchronized int sweep() {
        return sweep(Optional.empty());
    }

    /**
     * {@link #sweep} while the stream still holds decisions for this trader: fills and exits only through the latest
     * trade date the book has seen (all of them when it has seen none), so the decisions still to come are sized
     * against the book of their own day.
     */
    public synchronized int sweepToLatestDecision() {
        return sweep(store.latestTradeDate());
    }

    /** @param through the last session whose fills and exits are applied; empty: the market data's last one */
    private int sweep(Optional<LocalDate> through) {
        int changes = refreshOrders(through);
        int placed = placeDueExits(through);
        if (placed > 0) {
            changes += placed + refreshOrders(through);
        }
        outbox.deliverDue();
        return changes;
    }

    private int refreshOrders(Optional<LocalDate> through) {
        int changes = 0;
        for (OrderRow order : store.workingOrders()) {
            OrderState state;
            try {
                state = order.status().equals("PENDING") ? broker.place(order.request(), through)
                        : broker.refresh(order.request(), through);
            } catch (BrokerException e) {
                brokerErrors.incrementAndGet();
                LOG.warn("{} order {} ({} {} {}): {}; asked again on the next sweep", broker.name(), order.clientOrderId(),
                        order.side(), order.quantity(), order.ticker(), e.getMessage());
                continue;
            }
            if (state.status().name().equals(order.status()) && state.filledQuantity() == order.filledQuantity()) {
                continue;
            }
            apply(order, state);
            changes++;
        }
        return changes;
    }

    /**
     * @param seen the order as read before the broker was asked; it is read again inside the transaction, because
     *             another trader instance of the same book may have applied this very state meanwhile
     */
    private void apply(OrderRow seen, OrderState state) {
        store.inTransaction("apply the broker's state of order " + seen.clientOrderId(), () -> {
            OrderRow order = store.order(seen.clientOrderId()).orElseThrow();
            if (!order.working() || (state.status().name().equals(order.status())
                    && state.filledQuantity() == order.filledQuantity())) {
                return null;
            }
            PositionRow position = store.position(order.correlationId()).orElseThrow();
            long delta = state.filledQuantity() - order.filledQuantity();
            if (delta > 0) {
                double price = (state.averagePrice() * state.filledQuantity() - order.averagePrice() * order.filledQuantity()) / delta;
                double cost = state.cost() - order.cost();
                store.insertFill(order.clientOrderId(), order.correlationId(), delta, price, cost, state.lastFillOn());
                position = order.opening()
                        ? position.withEntry(state.filledQuantity(), state.averagePrice(), state.cost(), state.lastFillOn())
                        : position.withExitFill(delta, price, cost, state.lastFillOn());
            }
            store.updateOrder(order.clientOrderId(), state.status().name(), state.brokerOrderId(), state.filledQuantity(),
                    state.averagePrice(), state.cost(), state.reason());
            if (state.status() == OrderStatus.REJECTED) {
                LOG.warn("{} rejected order {} ({} {} {}): {}", broker.name(), order.clientOrderId(), order.side(), order.quantity(),
                        order.ticker(), state.reason());
            }
            if (state.status().isFinal()) {
                position = settle(order, state, position);
            }
            store.updatePosition(position);
            return null;
        });
    }

    /** A final order's effect on its position. Runs inside the order's transaction. */
    private PositionRow settle(OrderRow order, OrderState state, PositionRow position) throws java.sql.SQLException {
        if (order.opening()) {
            if (position.shares() > 0) {
                return position.withStatus("OPEN");
            }
            return position.withStatus("VOID").withExitReason("entry " + state.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (state.reason().isEmpty() ? "" : ": " + state.reason()));
        }
        if (position.remaining() > 0) {
            // Partly or not closed: back to OPEN, the next sweep places the rest (a new client order id).
            return position.withStatus("OPEN");
        }
        PositionRow closed = position.closed();
        store.enqueueFeedback(closed.correlationId(), FeedbackPayloads.of(closed));
        LOG.info("closed {}", String.format(java.util.Locale.ROOT, "%s %s %d shares: entry %.4f exit %.4f, realised %+.2f net of %.2f costs (%s)",
                closed.correlationId(), closed.ticker(), closed.shares(), closed.entryPrice(), closed.exitPrice(), closed.realisedPnl(),
                closed.entryCost() + closed.exitCost(), closed.exitReason()));
        return closed;
    }

    private int placeDueExits(Optional<LocalDate> through) {
        int placed = 0;
        for (PositionRow position : store.positions("OPEN")) {
            List<Session> held = market.from(position.ticker(), position.entryDate()).stream()
                    .filter(s -> through.isEmpty() || !s.date().isAfter(through.get())).toList();
            Optional<ExitRule.Exit> exit = position.closeRequestedOn() != null
                    ? Optional.of(new ExitRule.Exit(new Session(later(position.closeRequestedOn(), position.entryDate()), 0, 0),
                    position.exitReason()))
                    : exits.due(position.longSide(), position.entryPrice(), held);
            if (exit.isEmpty()) {
                continue;
            }
            long previous = store.ordersOf(position.correlationId()).stream().filter(o -> !o.opening()).count();
            if (previous >= MAX_CLOSE_ORDERS) {
                LOG.warn("position {} in {}: {} closing orders failed; left open for an operator", position.correlationId(),
                        position.ticker(), previous);
                continue;
            }
            String clientOrderId = position.correlationId() + "-close" + (previous == 0 ? "" : "-" + (previous + 1));
            boolean inserted = store.inTransaction("place the exit of " + position.correlationId(), () -> {
                // Another trader instance of the same book may have placed it since the positions were listed.
                if (!store.position(position.correlationId()).orElseThrow().status().equals("OPEN")
                        || store.order(clientOrderId).isPresent()) {
                    return false;
                }
                store.updatePosition(position.withStatus("CLOSING").withExitReason(exit.get().reason()));
                store.insertOrder(clientOrderId, position.correlationId(), "CLOSE", position.ticker(),
                        position.longSide() ? Side.SELL : Side.BUY, position.remaining(), exit.get().on().date());
                return true;
            });
            if (inserted) {
                placed++;
            }
        }
        return placed;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** The broker's equity, or the simulated account's: starting equity plus realised P&L. */
    public synchronized double equity() {
        OptionalDouble reported;
        try {
            reported = broker.equity();
        } catch (BrokerException e) {
            LOG.warn("cannot read {}'s equity ({}); sizing with the book's", broker.name(), e.getMessage());
            reported = OptionalDouble.empty();
        }
        return reported.orElse(startingEquity + store.totals().realisedPnl());
    }

    private double grossExposure() {
        return store.positions("OPENING", "OPEN", "CLOSING").stream().mapToDouble(PositionRow::notional).sum();
    }

    public synchronized TraderStatus status() {
        BookTotals totals = store.totals();
        List<TraderStatus.OpenPosition> open = new ArrayList<>();
        double unrealised = 0;
        for (PositionRow p : store.positions("OPENING", "OPEN", "CLOSING")) {
            List<Session> sessions = market.sessions(p.ticker());
            double last = sessions.isEmpty() ? p.entryPrice() : sessions.get(sessions.size() - 1).close();
            double pnl = p.remaining() > 0 ? p.sign() * (last - p.entryPrice()) * p.remaining() : 0;
            unrealised += pnl;
            open.add(new TraderStatus.OpenPosition(p.correlationId(), p.ticker(), p.longSide() ? "long" : "short",
                    p.remaining() > 0 ? p.remaining() : p.plannedShares(), p.entryPrice(), last, pnl, p.status()));
        }
        return new TraderStatus(broker.name(), equity(), totals.openPositions(), grossExposure(), totals.realisedPnl(), unrealised,
                totals.realisedCosts(), totals.costs(), totals.closedPositions(), totals.ordersRejected(), totals.decisionsSeen(), duplicates.get(),
                skippedSample.get(), skippedProvisional.get(), totals.feedbackDelivered(), totals.feedbackPending(),
                totals.feedbackRefused(), open);
    }
}
