package dev.quorum.trader;

import dev.quorum.envelope.Verdict;
import dev.quorum.testkit.AlpacaTestServer;
import dev.quorum.trader.broker.AlpacaBroker;
import dev.quorum.trader.broker.MarketData;
import dev.quorum.trader.broker.OrderRequest;
import dev.quorum.trader.broker.Side;
import dev.quorum.trader.config.PolicySettings;
import dev.quorum.trader.feedback.FeedbackOutbox;
import dev.quorum.trader.state.PositionRow;
import dev.quorum.trader.state.TraderStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The book on Alpaca (the protocol-faithful test server): partial fills, refusals, restarts, reconciliation. */
class AlpacaBookTest {

    private static final double EPS = 1e-9;
    private static final PolicySettings POLICY = new PolicySettings(0.6, 0.1, 0.2, 1.0, 3, null, null, "keep", true);

    @TempDir
    Path dir;
    private AlpacaTestServer alpaca;
    private FeedbackReceiver quorum;
    private TraderStore store;
    private MarketData market;

    @BeforeEach
    void open() throws Exception {
        alpaca = AlpacaTestServer.start().price("ACME", 100.0);
        quorum = new FeedbackReceiver();
        store = TraderStore.open(dir.resolve("trader.db"));
        // The data as it stands on the decisions' day, 2024-01-02: Alpaca fills in the present.
        market = new MarketData(Market.write(dir.resolve("market"), LocalDate.parse("2024-01-02")));
    }

    @AfterEach
    void close() {
        store.close();
        quorum.close();
        alpaca.close();
    }

    private Trader trader() {
        FeedbackOutbox outbox = new FeedbackOutbox(store, URI.create(quorum.url()), Optional.empty(), Duration.ofSeconds(30), Clock.systemUTC());
        return new Trader(store, new AlpacaBroker(URI.create(alpaca.baseUrl()), AlpacaTestServer.KEY_ID, AlpacaTestServer.SECRET, false),
                market, POLICY, outbox, 100_000);
    }

    @Test
    void should_hold_what_a_partial_fill_bought_and_close_it_at_the_horizon() throws Exception {
        Trader trader = trader();
        String id = Decisions.id("buy-1");
        trader.onEnvelope(Decisions.received("buy-1", "ACME", "2024-01-02", Verdict.BUY, 0.8));
        // Alpaca's equity 100000 x 0.1 x 0.8 = 8000 / close 100 = 80 shares, accepted, nothing filled yet.
        assertEquals("OPENING", store.position(id).orElseThrow().status());
        assertEquals(80, store.ordersOf(id).get(0).quantity());

        alpaca.fillTime(ZonedDateTime.parse("2024-01-03T15:00:00Z"));
        alpaca.fill(id, 30, 101.0);
        trader.sweep();
        PositionRow opening = store.position(id).orElseThrow();
        assertEquals("OPENING", opening.status());
        assertEquals(30, opening.shares());

        // The rest is canceled at the close: 30 shares held from 2024-01-03; three sessions later (01-05) the exit
        // order for those 30 is placed.
        alpaca.cancel(id);
        Market.write(dir.resolve("market"), LocalDate.parse("2024-01-05"));
        trader.sweep();
        assertEquals("CLOSING", store.position(id).orElseThrow().status());
        assertEquals(List.of(id, id + "-close"), store.ordersOf(id).stream().map(o -> o.clientOrderId()).toList());
        assertEquals(30, store.ordersOf(id).get(1).quantity());
        assertEquals(Side.SELL, store.ordersOf(id).get(1).side());

        alpaca.fillTime(ZonedDateTime.parse("2024-01-08T15:00:00Z"));
        alpaca.fill(id + "-close", 30, 107.0);
        trader.sweep();
        PositionRow closed = store.position(id).orElseThrow();
        assertEquals("CLOSED", closed.status());
        // (107 - 101) x 30 = 180; Alpaca charges no commission.
        assertEquals(180.0, closed.realisedPnl(), EPS);
        assertEquals("{\"decision_id\":\"" + id + "\",\"symbol\":\"ACME\",\"entry_price\":101.0,\"exit_price\":107.0,"
                + "\"actual_profit\":180.0,\"hold_duration\":5}", quorum.deliveries().get(0).body());
    }

    @Test
    void should_not_send_alpaca_a_decision_whose_session_is_over() throws Exception {
        // 01-03, the session a decision of 01-02 was to be traded at, is in the data: Alpaca would fill it now.
        Market.write(dir.resolve("market"), LocalDate.parse("2024-01-03"));
        Trader trader = trader();
        trader.onEnvelope(Decisions.received("late-1", "ACME", "2024-01-02", Verdict.BUY, 0.8));
        trader.onEnvelope(Decisions.received("late-1", "ACME", "2024-01-02", Verdict.BUY, 0.8));

        assertEquals(0, alpaca.orderCount());
        assertEquals(List.of(), store.ordersOf(Decisions.id("late-1")));
        assertEquals(1, trader.status().decisionsSeen());
        assertEquals(1, trader.status().duplicates(), "recorded: a redelivery does not ask again");
        // The same decision on the day it was made is traded (the test above).
        trader.onEnvelope(Decisions.received("fresh-1", "ACME", "2024-01-03", Verdict.BUY, 0.8));
        assertEquals(1, alpaca.orderCount());
    }

    @Test
    void should_place_an_order_recorded_before_the_broker_answered_exactly_once_after_a_restart() {
        // /v2/account and then POST /v2/orders answer 503: the decision and its order are recorded, the order PENDING.
        alpaca.failNext(503, 2);
        trader().onEnvelope(Decisions.received("buy-1", "ACME", "2024-01-02", Verdict.BUY, 0.8));
        String id = Decisions.id("buy-1");
        assertEquals("PENDING", store.ordersOf(id).get(0).status());
        assertEquals(0, alpaca.orderCount());

        // The restarted trader reconciles before reading the stream: the order goes out now, once.
        Trader restarted = trader();
        assertEquals(List.of(), restarted.reconcile());
        assertEquals("ACCEPTED", store.ordersOf(id).get(0).status());
        assertEquals(1, alpaca.orderCount());
        // The stream redelivers the unacknowledged decision: it is a duplicate, nothing more is placed.
        restarted.onEnvelope(Decisions.received("buy-1", "ACME", "2024-01-02", Verdict.BUY, 0.8));
        restarted.reconcile();
        assertEquals(1, alpaca.orderCount());
        assertEquals(1, restarted.status().duplicates());
    }

    @Test
    void should_reject_an_order_refused_for_buying_power_and_name_a_position_held_outside_the_book() throws Exception {
        alpaca.failNext(503, 1);
        alpaca.cash(5_000);
        Trader trader = trader();
        // /v2/account fails: sized with the book's 100000 -> 80 shares x 100 = 8000 > 5000 of buying power: 403.
        trader.onEnvelope(Decisions.received("buy-1", "ACME", "2024-01-02", Verdict.BUY, 0.8));
        String id = Decisions.id("buy-1");
        assertEquals("REJECTED", store.ordersOf(id).get(0).status());
        assertEquals("Alpaca 403: insufficient buying power", store.ordersOf(id).get(0).reason());
        assertEquals("VOID", store.position(id).orElseThrow().status());
        assertEquals(1, trader.status().ordersRejected());
        assertEquals(0, trader.status().openPositions());

        alpaca.fillOnArrival(true);
        new AlpacaBroker(URI.create(alpaca.baseUrl()), AlpacaTestServer.KEY_ID, AlpacaTestServer.SECRET, false)
                .place(new OrderRequest("manual-order", "ACME", Side.BUY, 5, LocalDate.parse("2024-01-02")), Optional.empty());
        assertEquals(List.of("ACME"), trader.reconcile());
    }
}
