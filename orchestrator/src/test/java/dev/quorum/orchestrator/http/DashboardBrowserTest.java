package dev.quorum.orchestrator.http;

import dev.quorum.testkit.ChromiumPage;
import dev.quorum.testkit.HeadlessChromium;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.envelope.Verdict;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.HttpConfig;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.cycle.TickerDecision;
import dev.quorum.orchestrator.health.Readiness;
import dev.quorum.orchestrator.runtime.ApiWiring;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import dev.quorum.orchestrator.service.ScheduledEngine;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.ProjectPaths;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in headless Chromium (Debian {@code chromium}) against a real runtime: decisions made by the rules
 * panel on the shipped sample, outcomes fed back through {@code POST /api/feedback} (which trains the meta-learner
 * and moves the trust weights). Driven like a person: the page asks for the token, then every chart must be drawn
 * with the API's points and its axis labels, a decision's drill-down must open on a click, the stream tail must list
 * the queued envelopes, and the page must fit two window sizes (screenshots under target/dashboard-screenshots).
 */
class DashboardBrowserTest {

    private static final String TOKEN = "dashboard-token-0123456789";
    /** Kept after the run for a person to look at (target/ is the build's, never committed). */
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private static HeadlessChromium chromium() {
        return HeadlessChromium.find().orElseThrow(() -> new AssertionError("headless Chromium is needed for the dashboard "
                + "test: install Debian's 'chromium' (scripts/test.sh does it when run as root)"));
    }

    private HttpResponse<String> post(int port, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_ask_for_the_token_then_render_every_panel_with_axes_the_drill_down_and_the_tail_at_two_sizes() throws Exception {
        HeadlessChromium chromium = chromium();
        String closedRedis = "redis://127.0.0.1:" + OllamaTestServer.closedPortUrl().replaceAll(".*:", "") + "/0";
        QuorumConfig config = new ConfigLoader(Map.of(
                "QUORUM_DATA_DIR", dir.resolve("state").toString(),
                "QUORUM_MARKET_DATA_DIR", ProjectPaths.root().resolve("samples/market").toString(),
                "QUORUM_MEMORY_RECALL_K", "0",
                "QUORUM_REDIS_URL", closedRedis)).from(Optional.empty());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (QuorumRuntime runtime = QuorumRuntime.open(config, PublishTarget.REDIS_OR_FILE);
             Readiness readiness = new Readiness(runtime.readinessChecks())) {
            List<TickerDecision> decided = new ArrayList<>();
            for (String date : List.of("2024-06-03", "2024-06-04")) {
                CycleReport report = runtime.cycle().run(config.watchlist(), LocalDate.parse(date), () -> false);
                decided.addAll(report.decided());
            }
            ScheduledEngine engine = new ScheduledEngine(runtime.cycle()::run, config.schedule(), config.watchlist(),
                    runtime::latestSession, runtime.outbox());
            try (ApiServer api = new ApiServer(new HttpConfig(true, "127.0.0.1", 0, TOKEN, java.util.List.of()), java.util.Optional.empty(),
                    ApiWiring.backends(runtime, engine, readiness, metrics))) {
                int port = api.port();
                for (int i = 0; i < decided.size(); i++) {
                    HttpResponse<String> reply = post(port, "/api/feedback", feedback(decided.get(i), i));
                    assertEquals(200, reply.statusCode(), reply.body());
                }
                HttpResponse<String> duplicate = post(port, "/api/feedback", feedback(decided.get(0), 0));
                assertEquals(409, duplicate.statusCode(), duplicate.body());

                try (ChromiumPage page = chromium.page(dir)) {
                    page.resize(1366, 900);
                    page.navigate("http://127.0.0.1:" + port + "/");
                    // With a token configured the reads answer 401 without it: the page asks for it, never reads the URL.
                    page.await(until("!document.getElementById('login').hidden"));
                    page.await("document.getElementById('token-input').focus()");
                    page.type(TOKEN);
                    page.await("document.querySelector('#login-form button').click()");
                    page.await(until("document.body.dataset.loaded === 'true'"));
                    assertFalse(page.await("location.href").asText().contains(TOKEN), "the token never enters the address");
                    assertTrue(page.await("document.getElementById('login').hidden").asBoolean(), "the prompt closes");

                    assertChart(page, "loss", curvePoints(port), "training step", "squared error (return²)");
                    // Two series per trained outcome: the prediction and the y = x reference at the same realised return.
                    assertChart(page, "scatter", 2 * decided.size(), "realised return (%)", "predicted return (%)");
                    // Sentiment abstains (no news in the sample after 2023), so it is never scored: three agents have weights.
                    assertChart(page, "weights", 3, "agent", "trust weight (×)");
                    int trackPoints = trackPoints(port);
                    assertTrue(trackPoints > 0, "some directional call was scored");
                    assertChart(page, "hit-rate", trackPoints, "trade date", "hit rate (%)");
                    assertChart(page, "calibration", trackPoints, "trade date", "gap (percentage points)");
                    assertEquals(5, page.await("+document.getElementById('panel-stats').dataset.points").asInt(), "stats rows");
                    assertTrue(page.await("document.getElementById('stats').textContent").asText().contains("Total steps" + decided.size()));
                    assertEquals(decided.size(), page.await("document.querySelectorAll('tr.decision').length").asInt(), "one row per decision");
                    assertEquals(decided.size(), page.await(until("document.querySelectorAll('.tail-entry').length")).asInt(),
                            "one tail line per queued envelope");

                    // The weights' scale hugs them and 1.0: its tick labels carry three decimals and differ.
                    String ticks = page.await("document.getElementById('panel-weights').dataset.ticks1").asText();
                    assertTrue(ticks.matches("(\\d\\.\\d{3} ?){3,}"), "weight ticks at 0.001 resolution: " + ticks);

                    TickerDecision first = decided.get(0);
                    page.await("document.querySelector('tr.decision[data-id=\"" + first.correlationId() + "\"]').click()");
                    int agents = page.await(until("document.querySelectorAll('#drill-agents tr.drill-agent').length")).asInt();
                    assertEquals(first.agents(), agents, "one drill-down row per panel agent, abstentions included");
                    String drill = page.await("document.getElementById('panel-drilldown').textContent").asText();
                    for (String expected : List.of(first.correlationId(), "Reasoning", "Trust weight used", "Fallback path",
                            "Recall shown", "% realised", "abstained (data)")) {
                        assertTrue(drill.contains(expected), "drill-down shows '" + expected + "':\n" + drill);
                    }
                    // The first decision's outcome was fed back: each voting agent's call is scored, the abstention is not.
                    String outcomes = page.await("[...document.querySelectorAll('#drill-agents tr.drill-agent')]"
                            + ".map(tr => tr.cells[0].textContent + '=' + tr.cells[3].textContent).join(' ')").asText();
                    assertTrue(outcomes.matches("(\\w+=(right|wrong) ){3}sentiment=not scored"), outcomes);

                    for (int[] size : List.of(new int[] {1366, 900}, new int[] {800, 1200})) {
                        page.resize(size[0], size[1]);
                        page.await("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
                        int widest = page.await("Math.max(...[...document.querySelectorAll('.chart canvas')].map(c => c.getBoundingClientRect().right))").asInt();
                        assertTrue(widest <= size[0], "every chart fits a " + size[0] + " px window, the widest ends at " + widest);
                        int pageWidth = page.await("document.documentElement.scrollWidth").asInt();
                        assertTrue(pageWidth <= size[0], "nothing scrolls sideways at " + size[0] + " px: " + pageWidth);
                        Path shot = page.screenshot(SCREENSHOTS.resolve("dashboard-" + size[0] + "x" + size[1] + ".png"));
                        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot + " has content");
                    }

                    // Weights of 0.99 and 1.03: the bar tops lie at least a third of the plot's height apart, not two equal
                    // bars from 0. uPlot lays out in a microtask: awaiting one more runs it, and no refresh can come between.
                    double apart = page.await("(async () => { drawWeights({a: 0.99, b: 1.03}); await null;"
                            + " return (charts.weights.valToPos(0.99, 'y') - charts.weights.valToPos(1.03, 'y'))"
                            + " / charts.weights.bbox.height * devicePixelRatio; })()").asDouble();
                    assertTrue(apart > 1.0 / 3, "0.99 and 1.03 are " + apart + " of the plot's height apart");
                }
            }
        }
    }

    /** A chart: drawn with the expected number of points, both axes labelled, and tick labels drawn on both. */
    private static void assertChart(ChromiumPage page, String chart, int points, String xLabel, String yLabel) throws Exception {
        String panel = "document.getElementById('" + chart + "-chart').closest('.panel')";
        assertEquals(points, page.await("+" + panel + ".dataset.points").asInt(), chart + " points");
        assertEquals(1, page.await(panel + ".querySelectorAll('canvas').length").asInt(), chart + " has its canvas");
        // uPlot draws axis labels and ticks on the canvas: the labels are read from the chart, the ticks as drawn.
        assertEquals(xLabel + "|" + yLabel, page.await("charts['" + chart + "'].axes.map(a => a.label).join('|')").asText());
        for (String axis : List.of("ticks0", "ticks1")) {
            assertFalse(page.await(panel + ".dataset." + axis + " || ''").asText().isBlank(), chart + " " + axis + " drawn");
        }
    }

    /** A script that resolves with {@code condition}'s value once it is truthy, checked as the page runs (30 s at most). */
    private static String until(String condition) {
        return "new Promise((resolve, reject) => { const start = Date.now(); (function check() {"
                + " let v; try { v = (" + condition + "); } catch (e) { v = undefined; }"
                + " if (v) { resolve(v); } else if (Date.now() - start > 30000) { reject(new Error('never true: ' + "
                + json(condition) + ")); } else { setTimeout(check, 50); } })(); })";
    }

    private static String json(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private int curvePoints(int port) throws Exception {
        return json.readTree(get(port, "/api/learning/status")).path("learning_curve").size();
    }

    private int trackPoints(int port) throws Exception {
        int n = 0;
        for (var agent : json.readTree(get(port, "/api/agents/track-record")).path("agents")) {
            n += agent.size();
        }
        return n;
    }

    private String get(int port, String path) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        return reply.body();
    }

    /** A closed position consistent with the verdict: BUY gains when the price rose, SELL when it fell, HOLD flat. */
    private static String feedback(TickerDecision d, int i) {
        double move = 1 + i % 5;
        double exit = d.verdict() == Verdict.BUY ? 100 + move : d.verdict() == Verdict.SELL ? 100 - move : 100;
        double profit = d.verdict() == Verdict.HOLD ? 0 : move * 10;
        return String.format(Locale.ROOT, "{\"decision_id\": \"%s\", \"symbol\": \"%s\", \"entry_price\": 100.0, "
                + "\"exit_price\": %.2f, \"actual_profit\": %.2f, \"hold_duration\": 5}", d.correlationId(), d.ticker(), exit, profit);
    }
}
