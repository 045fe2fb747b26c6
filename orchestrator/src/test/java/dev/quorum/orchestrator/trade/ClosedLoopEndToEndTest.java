package dev.quorum.orchestrator.trade;

import dev.quorum.envelope.redis.ArenaKeys;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.config.HttpConfig;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.cycle.TickerDecision;
import dev.quorum.orchestrator.health.Readiness;
import dev.quorum.orchestrator.http.ApiServer;
import dev.quorum.orchestrator.reliability.QuorumRig;
import dev.quorum.orchestrator.runtime.ApiWiring;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.orchestrator.service.Engine;
import dev.quorum.orchestrator.service.EngineStatus;
import dev.quorum.testkit.RedisServer;
import dev.quorum.trader.TraderRuntime;
import dev.quorum.trader.TraderStatus;
import dev.quorum.trader.config.TraderConfigLoader;
import dev.quorum.trader.config.TraderSetup;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole loop, every part in one JVM: a Quorum cycle (rules panel, the shipped sample data) publishes its five
 * decisions of 2024-06-14 to a real redis-server; the trader consumes them through its consumer group, the simulated
 * broker fills them at the next session's open (2024-06-17), the positions are closed after five sessions
 * (17, 18, 20, 21, 24 June; the 19th is a holiday) at the open of 2024-06-25, the feedback goes to Quorum's real HTTP
 * API with the token, and Quorum's trust weights move.
 *
 * <p>The figures, by hand from samples/market/prices (policy: min_confidence 0.6, 10 % of equity x confidence,
 * 5 bps per side):
 * <pre>
 * AAPL BUY 0.7136: 100000 x 0.1 x 0.7136 = 7136.04 / close 212.490005 = 33.58 -> 33 shares
 *      entry open 06-17 213.369995, exit open 06-25 209.149994
 *      gross (209.149994 - 213.369995) x 33 = -139.260033
 *      costs 33 x 213.369995 x 0.0005 = 3.5206049175 + 33 x 209.149994 x 0.0005 = 3.450974901
 *      net -146.2316128185
 * MSFT BUY 0.9593: 9592.67 (9578.64 after AAPL's loss) / 442.570007 = 21.67 (21.64) -> 21 shares
 *      442.589996 -> 448.25: gross 118.860084, costs 4.647194958 + 4.706625, net 109.506264042
 * NVDA HOLD, no position: nothing.
 * JPM  BUY 0.7360: 7359.74 (7357.03) / 193.779999 = 37.98 (37.97) -> 37 shares
 *      193.479996 -> 198.089996: gross 170.57, costs 3.579379926 + 3.664664926, net 163.325955148
 * XOM  BUY 0.3887: below min_confidence 0.6, nothing.
 * realised 126.6006063715 net of 23.5694446285 costs; equity 100126.6006063715
 * </pre>
 */
class ClosedLoopEndToEndTest {

    private static final String TOKEN = "closed-loop-token-0123456789";
    private static final LocalDate TRADE_DATE = LocalDate.parse("2024-06-14");
    private static final double CENT = 1e-6;
    private static final RedisServer redis = new RedisServer();

    @BeforeAll
    static void up() {
        redis.start();
    }

    @AfterAll
    static void down() {
        redis.close();
    }

    @Test
    void should_trade_the_published_decisions_and_move_the_weights_with_the_realised_results(@TempDir Path dir) throws Exception {
        QuorumConfig config = QuorumRig.config(dir.resolve("quorum"), QuorumRig.sampleMarket(), redis.url(), "");
        try (QuorumRuntime quorum = QuorumRuntime.open(config, PublishTarget.REDIS);
             Readiness readiness = new Readiness(quorum.readinessChecks());
             ApiServer api = new ApiServer(new HttpConfig(true, "127.0.0.1", 0, TOKEN, List.of()), Optional.empty(),
                     ApiWiring.backends(quorum, new IdleEngine(), readiness, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))) {
            Map<String, Double> weightsBefore = quorum.trust().currentWeights();
            CycleReport report = quorum.cycle().run(QuorumRig.TICKERS, TRADE_DATE, () -> false);
            quorum.publisher().drain();
            Map<String, TickerDecision> decided = report.decided().stream()
                    .collect(Collectors.toMap(TickerDecision::ticker, d -> d));
            assertEquals("BUY BUY HOLD BUY BUY", QuorumRig.TICKERS.stream().map(t -> decided.get(t).verdict().name())
                    .collect(Collectors.joining(" ")), "the sample's verdicts this test was computed for");

            Path traderYaml = dir.resolve("trader.yaml");
            Files.writeString(traderYaml, "stream: {redis_url: \"" + redis.url() + "\", from_start: true}\n"
                    + "market_data_dir: \"" + QuorumRig.sampleMarket() + "\"\n"
                    + "state_path: \"" + dir.resolve("trader.db") + "\"\n"
                    + "policy: {min_confidence: 0.6, equity_fraction: 0.1, max_position_fraction: 0.2, holding_sessions: 5}\n"
                    + "broker: {kind: simulated, starting_equity: 100000, cost_bps: 5}\n"
                    + "feedback: {quorum_url: \"http://127.0.0.1:" + api.port() + "\"}\n");
            TraderSetup setup = TraderConfigLoader.load(traderYaml, Map.of("QUORUM_HTTP_TOKEN", TOKEN));
            TraderStatus status;
            try (TraderRuntime trader = TraderRuntime.open(setup)) {
                trader.run(true, new CountDownLatch(1));
                status = trader.trader().status();
            }

            assertEquals(5, status.decisionsSeen());
            assertEquals(0, status.openPositions());
            assertEquals(3, status.closedPositions());
            assertEquals(126.6006063715, status.realisedPnl(), CENT);
            assertEquals(23.5694446285, status.costs(), CENT);
            assertEquals(100_126.6006063715, status.equity(), CENT);
            assertEquals(0.0, status.grossExposure(), CENT);
            assertEquals(3, status.feedbackDelivered());
            assertEquals(0, status.feedbackPending() + status.feedbackRefused());

            Path traderDb = dir.resolve("trader.db");
            assertPosition(traderDb, decided.get("AAPL").correlationId(), 33, 213.369995, 209.149994, 3.5206049175 + 3.450974901, -146.2316128185);
            assertPosition(traderDb, decided.get("MSFT").correlationId(), 21, 442.589996, 448.25, 4.647194958 + 4.706625, 109.506264042);
            assertPosition(traderDb, decided.get("JPM").correlationId(), 37, 193.479996, 198.089996, 3.579379926 + 3.664664926, 163.325955148);

            // Quorum recorded each as a feedback outcome: the gross dollar move, the return from the fill prices.
            Path quorumDb = dir.resolve("quorum").resolve("quorum.db");
            assertOutcome(quorumDb, decided.get("AAPL").correlationId(), 213.369995, 209.149994, -139.26);
            assertOutcome(quorumDb, decided.get("MSFT").correlationId(), 442.589996, 448.25, 118.86);
            assertOutcome(quorumDb, decided.get("JPM").correlationId(), 193.479996, 198.089996, 170.57);
            Map<String, Double> weightsAfter = quorum.trust().currentWeights();
            assertEquals(List.of("macro", "risk", "sentiment", "technical"), weightsAfter.keySet().stream().sorted().toList());
            for (Map.Entry<String, Double> weight : weightsAfter.entrySet()) {
                assertNotEquals(weightsBefore.getOrDefault(weight.getKey(), 1.0), weight.getValue(), 1e-9,
                        weight.getKey() + "'s weight must have learned from the fills");
            }

            // At least once, exactly once in effect: the same decision delivered again does not trade again.
            try (UnifiedJedis jedis = RedisConnections.open(RedisUrl.parse(redis.url()))) {
                StreamEntry first = jedis.xrange(ArenaKeys.DEFAULT_STREAM, (StreamEntryID) null, (StreamEntryID) null, 1).get(0);
                jedis.xadd(ArenaKeys.DEFAULT_STREAM, StreamEntryID.NEW_ENTRY, first.getFields());
            }
            try (TraderRuntime restarted = TraderRuntime.open(setup)) {
                restarted.run(true, new CountDownLatch(1));
                TraderStatus again = restarted.trader().status();
                assertEquals(1, again.duplicates());
                assertEquals(5, again.decisionsSeen());
                assertEquals(3, again.closedPositions());
                assertEquals(126.6006063715, again.realisedPnl(), CENT);
                assertEquals(3, again.feedbackDelivered());
            }

            // bin/quorum trade status: the same book through the orchestrator's command line.
            picocli.CommandLine cli = dev.quorum.orchestrator.cli.QuorumCli.commandLine();
            java.io.StringWriter out = new java.io.StringWriter();
            cli.setOut(new java.io.PrintWriter(out));
            assertEquals(0, cli.execute("trade", "status", "--config", traderYaml.toString()));
            assertTrue(out.toString().startsWith("broker simulated  equity 100126.60  gross exposure 0.00\n"
                    + "realised P&L +126.60 (net of 23.57 costs)  unrealised P&L +0.00\n"
                    + "positions open 0  closed 3  orders rejected 0  decisions 5\n"
                    + "feedback delivered 3  pending 0  refused 0\n"), out.toString());
        }
    }

    private static void assertPosition(Path db, String correlationId, long shares, double entry, double exit, double costs,
                                       double net) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement q = c.prepareStatement("SELECT status, shares, entry_price, exit_notional / exit_shares, "
                     + "entry_cost + exit_cost, realised_pnl, entry_date, exit_date, exit_reason FROM positions WHERE correlation_id = ?")) {
            q.setString(1, correlationId);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "a position for " + correlationId);
                assertEquals("CLOSED", rs.getString(1));
                assertEquals(shares, rs.getLong(2));
                assertEquals(entry, rs.getDouble(3), CENT);
                assertEquals(exit, rs.getDouble(4), CENT);
                assertEquals(costs, rs.getDouble(5), CENT);
                assertEquals(net, rs.getDouble(6), CENT);
                assertEquals("2024-06-17", rs.getString(7));
                assertEquals("2024-06-25", rs.getString(8));
                assertEquals("horizon", rs.getString(9));
            }
        }
    }

    private static void assertOutcome(Path db, String correlationId, double entry, double exit, double profit) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement q = c.prepareStatement("SELECT o.source, o.entry_price, o.exit_price, o.realized_return, o.actual_profit "
                     + "FROM outcomes o JOIN decisions d ON d.id = o.decision_id WHERE d.correlation_id = ?")) {
            q.setString(1, correlationId);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "Quorum has an outcome for " + correlationId);
                assertEquals("feedback", rs.getString(1));
                assertEquals(entry, rs.getDouble(2), CENT);
                assertEquals(exit, rs.getDouble(3), CENT);
                assertEquals((exit - entry) / entry, rs.getDouble(4), 1e-12);
                assertEquals(profit, rs.getDouble(5), CENT);
            }
        }
    }

    /** The API's engine, never asked to run a cycle here. */
    private static final class IdleEngine implements Engine {
        @Override
        public EngineStatus status() {
            throw new UnsupportedOperationException("not used by this test");
        }

        @Override
        public CycleReport scan() {
            throw new UnsupportedOperationException("not used by this test");
        }

        @Override
        public boolean start() {
            return false;
        }

        @Override
        public boolean stop() {
            return false;
        }
    }
}
