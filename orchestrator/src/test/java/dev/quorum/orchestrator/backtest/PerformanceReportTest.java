package dev.quorum.orchestrator.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.orchestrator.backtest.metrics.PerformanceAnalysis;
import dev.quorum.orchestrator.backtest.report.HtmlReport;
import dev.quorum.orchestrator.backtest.report.JsonReport;
import dev.quorum.orchestrator.config.HttpConfig;
import dev.quorum.orchestrator.health.Readiness;
import dev.quorum.orchestrator.http.ApiBackends;
import dev.quorum.orchestrator.http.ApiServer;
import dev.quorum.orchestrator.http.ApiViews;
import dev.quorum.orchestrator.http.DashboardViews;
import dev.quorum.testkit.ProjectPaths;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 002's PerformanceAnalyzer on a real backtest of the shipped sample: its per-symbol and per-regime counts agree
 * with plain SQL over the stored decisions, and the JSON report, the HTML report and {@code GET /api/performance}
 * carry the same figures.
 */
class PerformanceReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void should_report_the_analysis_in_the_json_and_html_reports_and_on_the_api() throws Exception {
        Path db = tmp.resolve("bt.db");
        Backtest.Outcome outcome = SampleBacktests.run(SampleBacktests.settings(
                ProjectPaths.root().resolve("samples/market"), db, LocalDate.parse("2023-11-01"), LocalDate.parse("2023-12-29"), OptionalInt.empty()), false);
        PerformanceAnalysis p = outcome.metrics().performance();
        assertTrue(p.totalTrades() > 10, "the sample run trades: " + p.totalTrades());

        QuorumDatabase database = QuorumDatabase.open(db);
        // Independently of the ledger: trades, wins, losses and summed P&L per ticker and per stored regime.
        for (String[] key : new String[][]{{"d.ticker", "AAPL"}, {"d.ticker", "MSFT"},
                {"json_extract(s.input_json, '$.features.regime')", null}}) {
            String sql = "SELECT " + key[0] + ", COUNT(*), SUM(CASE WHEN " + PNL + " > 0 THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN " + PNL + " < 0 THEN 1 ELSE 0 END), SUM(" + PNL + ") FROM decisions d "
                    + "JOIN outcomes o ON o.decision_id = d.id AND o.source = 'market' "
                    + "JOIN agent_signals s ON s.id = (SELECT MIN(id) FROM agent_signals WHERE decision_id = d.id) "
                    + "WHERE d.superseded_by IS NULL AND d.verdict IN ('BUY', 'SELL') GROUP BY 1";
            database.read("check", connection -> {
                try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
                    int rows = 0;
                    while (rs.next()) {
                        String name = rs.getString(1);
                        if (key[1] != null && !key[1].equals(name)) {
                            continue;
                        }
                        rows++;
                        PerformanceAnalysis.Group g = (key[1] != null ? p.perSymbol() : p.perRegime()).get(name);
                        assertTrue(key[1] != null || Set.of("bull", "bear", "sideways", "high-volatility").contains(name), name);
                        assertEquals(rs.getInt(2), g.trades(), name);
                        assertEquals(rs.getInt(3), g.wins(), name);
                        assertEquals(rs.getInt(4), g.losses(), name);
                        assertEquals(rs.getDouble(5), g.totalPnl(), 1e-9, name);
                    }
                    assertTrue(rows >= 1, key[0]);
                }
                return null;
            });
        }

        JsonNode json = JSON.readTree(JsonReport.render(outcome.info(), outcome.metrics(), outcome.weights()))
                .get("metrics").get("performance");
        assertEquals(p.totalTrades(), json.get("total_trades").asInt());
        assertEquals(p.streaks().longestLoss(), json.get("streaks").get("longest_loss").asInt());
        assertEquals(p.perSymbol().get("AAPL").totalPnl(), json.get("per_symbol").get("AAPL").get("total_pnl").asDouble(), 1e-15);
        String html = HtmlReport.render(outcome.info(), outcome.metrics(), outcome.weights());
        PerformanceAnalysis.Group aapl = p.perSymbol().get("AAPL");
        assertTrue(html.contains(String.format(Locale.ROOT, "<tr><td>AAPL</td><td>%d</td><td>%d / %d</td><td>%.1f%%</td><td>%.2f%%</td>",
                aapl.trades(), aapl.wins(), aapl.losses(), aapl.winRate() * 100, aapl.totalPnl() * 100)), html);
        assertTrue(html.contains("<table id=\"performance-regime\">"), html);

        try (Readiness readiness = new Readiness(List.of());
             ApiServer server = new ApiServer(new HttpConfig(true, "127.0.0.1", 0, null, List.of()), Optional.empty(),
                     new ApiBackends(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                             readiness, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Optional.empty(),
                             Optional.of(ApiViews.performance(new BacktestLedger(database))), DashboardViews.none()))) {
            HttpResponse<String> all = get(server, "/api/performance");
            assertEquals(200, all.statusCode(), all.body());
            JsonNode body = JSON.readTree(all.body());
            assertTrue(body.get("success").asBoolean());
            assertEquals(p.totalTrades(), body.get("total_trades").asInt());
            assertEquals(p.winningTrades(), body.get("winning_trades").asInt());
            assertEquals(p.largestWin(), body.get("largest_win").asDouble(), 1e-15);
            JsonNode one = JSON.readTree(get(server, "/api/performance?ticker=aapl&from=2023-11-01&to=2023-12-29").body());
            assertEquals(aapl.trades(), one.get("total_trades").asInt());
            assertEquals(List.of("AAPL"), names(one.get("per_symbol")));
            HttpResponse<String> bad = get(server, "/api/performance?from=November");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("from must be a date yyyy-MM-dd, was \\\"November\\\""), bad.body());
        }
    }

    /** A trade's P&L: the outcome return signed by its side. */
    private static final String PNL = "(CASE d.verdict WHEN 'BUY' THEN o.realized_return ELSE -o.realized_return END)";

    private static HttpResponse<String> get(ApiServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
