package dev.quorum.trader;

import dev.quorum.envelope.Verdict;
import dev.quorum.testkit.ManualClock;
import dev.quorum.trader.broker.Broker;
import dev.quorum.trader.broker.MarketData;
import dev.quorum.trader.broker.OrderRequest;
import dev.quorum.trader.broker.OrderState;
import dev.quorum.trader.broker.SimulatedBroker;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The book on the simulated broker over {@link Market}'s hand-made prices, 10 bps per side, every figure by hand.
 */
class SimulatedBookTest {

    private static final double EPS = 1e-9;
    private static final String TOKEN = "trader-test-token-0123456789";

    @TempDir
    Path dir;
    private FeedbackReceiver quorum;
    private TraderStore store;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T12:00:00Z"));

    @BeforeEach
    void open() throws Exception {
        quorum = new FeedbackReceiver();
        store = TraderStore.open(dir.resolve("trader.db"));
    }

    @AfterEach
    void close() {
        store.close();
        quorum.close();
    }

    private Trader trader(PolicySettings policy) throws Exception {
        MarketData market = new MarketData(Market.write(dir.resolve("market")));
        FeedbackOutbox outbox = new FeedbackOutbox(store, URI.create(quorum.url()), Optional.of(TOKEN), Duration.ofSeconds(30), clock);
        return new Trader(store, new SimulatedBroker(market, 10), market, policy, outbox, 100_000);
    }

    private static PolicySettings policy(double minConfidence, int holding, Double stopLoss) {
        return new PolicySettings(minConfidence, 0.1, 0.2, 1.0, holding, stopLoss, null, "keep", true);
    }

    @Test
    void should_fill_at_the_next_open_close_at_the_horizon_and_report_the_gross_move() throws Exception {
        Trader trader = trader(policy(0.6, 3, null));
        trader.onEnvelope(Decisions.received("buy-1", "ACME", "2024-01-02", Verdict.BUY, 0.8));
        assertEquals("OPENING", store.position(Decisions.id("buy-1")).orElseThrow().status(), "nothing after the decision's day yet");
        trader.sweep(); // the stream drained: the book runs to the market data's last session

        // 100000 x 0.1 x 0.8 = 8000 / close 100 = 80 shares; entry open 01-03 101; sessions 01-03, 01-04, 01-05: exit
        // placed on 01-05, filled at the open of 01-08, 107. Gross (107 - 101) x 80 = 480; costs 80 x 101 x 0.001 = 8.08
        // and 80 x 107 x 0.001 = 8.56; net 463.36.
        PositionRow closed = store.position(Decisions.id("buy-1")).orElseThrow();
        assertEquals("CLOSED", closed.status());
        assertEquals(80, closed.shares());
        assertEquals(101.0, closed.entryPrice(), EPS);
        assertEquals(107.0, closed.exitPrice(), EPS);
        assertEquals(8.08 + 8.56, closed.entryCost() + closed.exitCost(), EPS);
        assertEquals(463.36, closed.realisedPnl(), EPS);
        assertEquals("horizon", closed.exitReason());
        assertEquals(1, quorum.deliveries().size());
        assertEquals("Bearer " + TOKEN, quorum.deliveries().get(0).authorization());
        assertEquals("{\"decision_id\":\"" + Decisions.id("buy-1") + "\",\"symbol\":\"ACME\",\"entry_price\":101.0,\"exit_price\":107.0,"
                + "\"actual_profit\":480.0,\"hold_duration\":5}", quorum.deliveries().get(0).body());
        TraderStatus status = trader.status();
        assertEquals(100_463.36, status.equity(), EPS);
        assertEquals(16.64, status.costs(), EPS);
    }

    @Test
    void should_trade_one_decision_per_ticker_and_day_when_a_decision_is_redecided() throws Exception {
        Trader trader = trader(policy(0.6, 3, null));
        trader.onEnvelope(Decisions.received("buy-1", "ACME", "2024-01-02", Verdict.BUY, 0.8));
        // The same (ticker, day) decided again, the other way: its order would sit beside the first one's.
        trader.onEnvelope(Decisions.received("sell-again", "ACME", "2024-01-02", Verdict.SELL, 0.9,
                Map.of("supersedes", Decisions.id("buy-1"))));
        // A re-decision of a decision this trader never handled (a provisional one it skipped) is traded.
        trader.onEnvelope(Decisions.received("buy-2", "DROP", "2024-01-02", Verdict.BUY, 0.9,
                Map.of("supersedes", Decisions.id("never-seen"))));
        trader.sweep();

        assertTrue(store.seen(Decisions.id("sell-again")), "recorded, so a redelivery does not ask again");
        assertEquals(0, store.ordersOf(Decisions.id("sell-again")).size(), "no order for the superseding decision");
        assertTrue(store.position(Decisions.id("sell-again")).isEmpty());
        assertTrue(store.position(Decisions.id("buy-1")).orElseThrow().longSide(), "the first decision's long stands");
        assertTrue(store.position(Decisions.id("buy-2")).isPresent(), "a re-decision of an unseen decision is traded");
    }

    @Test
    void should_reverse_a_long_into_a_short_on_sell_and_mark_the_short_at_the_last_close() throws Exception {
        Trader trader = trader(policy(0.6, 10, null));
        trader.onEnvelope(Decisions.received("buy-1", "ACME", "2024-01-02", Verdict.BUY, 0.8));
        trader.onEnvelope(Decisions.received("sell-1", "ACME", "2024-01-04", Verdict.SELL, 0.6));
        trader.sweep();

        // The long (80 @ 101) is closed by the SELL of 01-04 at the open of 01-05, 105: gross 320, costs 8.08 + 8.4,
        // net 303.52. The short: 100000 x 0.1 x 0.6 = 6000 / close 104 = 57.69 -> 57 shares, sold at 105 (cost 5.985).
        PositionRow longOne = store.position(Decisions.id("buy-1")).orElseThrow();
        assertEquals("CLOSED", longOne.status());
        assertEquals(303.52, longOne.realisedPnl(), EPS);
        assertEquals("verdict SELL " + Decisions.id("sell-1"), longOne.exitReason());
        PositionRow shortOne = store.position(Decisions.id("sell-1")).orElseThrow();
        assertEquals("OPEN", shortOne.status());
        assertEquals(57, shortOne.shares());
        assertEquals(105.0, shortOne.entryPrice(), EPS);

        TraderStatus status = trader.status();
        assertEquals(1, status.openPositions());
        assertEquals(57 * 105.0, status.grossExposure(), EPS);
        assertEquals(303.52, status.realisedPnl(), EPS);
        // The short marked at ACME's last close, 112: -(112 - 105) x 57 = -399.
        assertEquals(-399.0, status.unrealisedPnl(), EPS);
        assertEquals(8.08 + 8.4 + 5.985, status.costs(), EPS);
        assertEquals(100_303.52, status.equity(), EPS);
        // Net of the closed long's two sides only; the short's entry cost is paid, and in no realised figure yet.
        assertTrue(status.text().contains("realised P&L +303.52 (net of 16.48 costs)  unrealised P&L -399.00  costs paid 22.47\n"),
                status.text());
        assertEquals(1.0, metric(status, "quorum_trader_open_positions"), EPS);
        assertEquals(57 * 105.0, metric(status, "quorum_trader_gross_exposure_dollars"), EPS);
        assertEquals(-399.0, metric(status, "quorum_trader_unrealised_pnl_dollars"), EPS);
        assertEquals(303.52, metric(status, "quorum_trader_realised_pnl_dollars"), EPS);
        assertEquals(0.0, metric(status, "quorum_trader_orders_rejected_total"), EPS);
        assertEquals("{\"decision_id\":\"" + Decisions.id("buy-1") + "\",\"symbol\":\"ACME\",\"entry_price\":101.0,\"exit_price\":105.0,"
                + "\"actual_profit\":320.0,\"hold_duration\":2}", quorum.deliveries().get(0).body());
    }

    @Test
    void should_close_at_the_open_after_the_close_that_reaches_the_stop_loss() throws Exception {
        Trader trader = trader(policy(0.5, 10, 0.08));
        trader.onEnvelope(Decisions.received("buy-drop", "DROP", "2024-01-02", Verdict.BUY, 0.5));
        trader.sweep();

        // 5000 / 100 = 50 shares at the open of 01-03, 100; closes 95 (-5 %) then 90 (-10 %, past the 8 % stop): exit
        // placed on 01-04, filled at the open of 01-05, 91. Gross -450; costs 5 + 4.55; net -459.55.
        PositionRow closed = store.position(Decisions.id("buy-drop")).orElseThrow();
        assertEquals("stop_loss", closed.exitReason());
        assertEquals(91.0, closed.exitPrice(), EPS);
        assertEquals(-459.55, closed.realisedPnl(), EPS);
        assertTrue(quorum.deliveries().get(0).body().contains("\"actual_profit\":-450.0"));
    }

    @Test
    void should_size_a_backlog_against_the_book_of_each_decision_s_own_day() throws Exception {
        // A backlog (a group read from the start, a restart after downtime) handed over before any sweep of the drained
        // stream: ACME and DROP bought on 01-02, ACME sold on 01-04. Gross exposure capped at 10 % of equity (10000).
        Trader trader = trader(new PolicySettings(0.5, 0.1, 0.2, 0.1, 3, null, null, "keep", true));
        trader.onEnvelope(Decisions.received("buy-acme", "ACME", "2024-01-02", Verdict.BUY, 0.8));
        trader.onEnvelope(Decisions.received("buy-drop", "DROP", "2024-01-02", Verdict.BUY, 0.5));
        trader.onEnvelope(Decisions.received("sell-acme", "ACME", "2024-01-04", Verdict.SELL, 0.6));
        trader.sweep();

        // ACME: 100000 x 0.1 x 0.8 = 8000 / close 100 = 80 shares, planned 8000. DROP on the same day: wants 5000, the
        // room is 10000 - 8000 = 2000 -> 20 shares at 100. (Run through the whole price file first, ACME was closed at
        // the 01-08 open before DROP was sized: equity 100463.36, the room all of it, 50 shares.)
        PositionRow drop = store.position(Decisions.id("buy-drop")).orElseThrow();
        assertEquals(20, drop.shares());
        assertEquals(100.0, drop.entryPrice(), EPS);
        // 01-04: the long (80 @ 101, opened at the 01-03 open) is still held, so the SELL closes it at the 01-05 open,
        // 105, and opens the short: wants 100000 x 0.1 x 0.6 = 6000; gross 80 x 101 + 20 x 100 = 10080 less the long's
        // 8080 leaves a room of 8000; 6000 / close 104 = 57 shares sold at 105.
        PositionRow longOne = store.position(Decisions.id("buy-acme")).orElseThrow();
        assertEquals("CLOSED", longOne.status());
        assertEquals("verdict SELL " + Decisions.id("sell-acme"), longOne.exitReason());
        assertEquals(105.0, longOne.exitPrice(), EPS);
        PositionRow shortOne = store.position(Decisions.id("sell-acme")).orElseThrow();
        assertEquals(57, shortOne.shares());
        assertEquals(105.0, shortOne.entryPrice(), EPS);
        assertEquals(longOne.exitDate(), shortOne.entryDate(), "the short opens as the long closes: never both held");
    }

    @Test
    void should_apply_a_fill_once_when_two_traders_share_the_book() throws Exception {
        // Two trader processes of one book (one group, one state file): B asks the broker about the entry order while A
        // applies that same fill, closes the position at the horizon and reports it.
        Trader a = trader(policy(0.6, 3, null));
        MarketData market = new MarketData(dir.resolve("market"));
        SimulatedBroker simulated = new SimulatedBroker(market, 10);
        boolean[] raced = {false};
        Broker whileAApplies = new Broker() {
            @Override
            public String name() {
                return simulated.name();
            }

            @Override
            public OrderState place(OrderRequest order, Optional<LocalDate> through) {
                return simulated.place(order, through);
            }

            @Override
            public OrderState refresh(OrderRequest order, Optional<LocalDate> through) {
                if (!raced[0]) {
                    raced[0] = true;
                    a.sweep();
                }
                return simulated.refresh(order, through);
            }

            @Override
            public OptionalDouble equity() {
                return simulated.equity();
            }

            @Override
            public Optional<Map<String, Long>> positions() {
                return simulated.positions();
            }
        };
        a.onEnvelope(Decisions.received("buy-1", "ACME", "2024-01-02", Verdict.BUY, 0.8));
        try (TraderStore other = TraderStore.open(dir.resolve("trader.db"))) {
            FeedbackOutbox outbox = new FeedbackOutbox(other, URI.create(quorum.url()), Optional.of(TOKEN), Duration.ofSeconds(30), clock);
            new Trader(other, whileAApplies, market, policy(0.6, 3, null), outbox, 100_000).sweep();
        }

        // Once, as in the single trader's case: 80 @ 101 -> 107, net 463.36 after 8.08 + 8.56 of costs.
        String id = Decisions.id("buy-1");
        PositionRow closed = store.position(id).orElseThrow();
        assertEquals("CLOSED", closed.status());
        assertEquals(80, closed.exitShares());
        assertEquals(463.36, closed.realisedPnl(), EPS);
        assertEquals(2, store.ordersOf(id).size());
        assertEquals(16.64, a.status().costs(), EPS, "each fill recorded once");
        assertEquals(1, quorum.deliveries().size());
    }

    @Test
    void should_skip_samples_provisional_decisions_and_a_decision_seen_before() throws Exception {
        Trader trader = trader(policy(0.6, 10, null));
        trader.onEnvelope(Decisions.received("sample-1", "ACME", "2024-01-02", Verdict.BUY, 0.9, Map.of("sample", true)));
        trader.onEnvelope(Decisions.received("prov-1", "ACME", "2024-01-02", Verdict.BUY, 0.9, Map.of("provisional", true)));
        trader.onEnvelope(Decisions.received("buy-1", "ACME", "2024-01-02", Verdict.BUY, 0.8));
        trader.onEnvelope(Decisions.received("buy-1", "ACME", "2024-01-02", Verdict.BUY, 0.8));

        TraderStatus status = trader.status();
        assertEquals(1, status.skippedSample());
        assertEquals(1, status.skippedProvisional());
        assertEquals(1, status.duplicates());
        assertEquals(1, status.decisionsSeen());
        assertEquals(1, status.openPositions());
        assertEquals(1, store.ordersOf(Decisions.id("buy-1")).size());
    }

    @Test
    void should_retry_an_undelivered_feedback_with_backoff_and_give_up_on_a_refusal() throws Exception {
        quorum.answer(503);
        Trader trader = trader(policy(0.6, 3, null));
        trader.onEnvelope(Decisions.received("buy-1", "ACME", "2024-01-02", Verdict.BUY, 0.8));
        trader.sweep();
        assertEquals(1, trader.status().feedbackPending());

        trader.sweep();
        assertEquals(1, quorum.deliveries().size(), "not due before retry_seconds (30 s) have passed");
        clock.advance(Duration.ofSeconds(30));
        trader.sweep();
        assertEquals(2, quorum.deliveries().size());
        assertEquals(1, trader.status().feedbackDelivered());
        assertEquals(0, trader.status().feedbackPending());

        // Quorum already resolved this one from close prices: 409, final.
        quorum.answer(409);
        // 01-03: filled at the open of 01-04, held 01-04, 01-05, 01-08, closed at the open of 01-09.
        trader.onEnvelope(Decisions.received("buy-2", "ACME", "2024-01-03", Verdict.BUY, 0.8));
        clock.advance(Duration.ofHours(2));
        trader.sweep();
        assertEquals(3, quorum.deliveries().size());
        assertEquals(1, trader.status().feedbackRefused());
        assertEquals(0, trader.status().feedbackPending());
    }

    @Test
    void should_pass_over_a_decision_without_prices_and_record_why() throws Exception {
        Trader trader = trader(policy(0.6, 3, null));
        trader.onEnvelope(Decisions.received("no-data", "ZZZZ", "2024-01-02", Verdict.BUY, 0.9));
        assertEquals(1, trader.status().decisionsSeen());
        assertEquals(0, trader.status().openPositions());
        assertEquals(0, store.ordersOf(Decisions.id("no-data")).size());
    }

    /** One sample of the Prometheus text, by name. */
    private static double metric(TraderStatus status, String name) {
        return status.prometheus().lines().filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in\n" + status.prometheus()));
    }
}
