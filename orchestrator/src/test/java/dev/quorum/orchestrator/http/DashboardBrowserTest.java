package dev.quorum.orchestrator.http;

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
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in headless Chromium (Debian {@code chromium}) against a real runtime: decisions made by the rules
 * panel on the shipped sample, outcomes fed back through {@code POST /api/feedback} (which trains the meta-learner
 * and moves the trust weights), then the page must render the four panels and the decisions from the API.
 */
class DashboardBrowserTest {

    private static final String TOKEN = "dashboard-token-0123456789";

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
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_render_the_four_panels_and_the_latest_decisions_with_data() throws Exception {
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
            try (ApiServer api = new ApiServer(new HttpConfig(true, "127.0.0.1", 0, TOKEN),
                    ApiWiring.backends(runtime, engine, readiness, metrics))) {
                int port = api.port();
                for (int i = 0; i < decided.size(); i++) {
                    HttpResponse<String> reply = post(port, "/api/feedback", feedback(decided.get(i), i));
                    assertEquals(200, reply.statusCode(), reply.body());
                }
                HttpResponse<String> duplicate = post(port, "/api/feedback", feedback(decided.get(0), 0));
                assertEquals(409, duplicate.statusCode(), duplicate.body());

                String dom = chromium.dumpDom("http://127.0.0.1:" + port + "/#token=" + TOKEN, dir, 8000);
                assertTrue(dom.contains("data-loaded=\"true\""), "the page never loaded its data:\n" + dom);
                assertTrue(Pattern.compile("<svg id=\"loss-chart\"[^>]*>\\s*<polyline").matcher(dom).find(), "training loss line");
                assertEquals(decided.size(), count(dom, "class=\"point\""), "one scatter point per trained outcome");
                // Sentiment abstains (no news in the sample after 2023), so it is never scored: three agents have weights.
                assertEquals(3, count(dom, "class=\"bar\""), "one weight bar per scored agent");
                assertEquals(decided.size(), count(dom, "class=\"decision\""), "one row per decision");
                assertTrue(dom.contains("<td>Total steps</td><td>" + decided.size() + "</td>"), "stats panel");
                assertTrue(Pattern.compile("R² [0-9.-]+|R² n/a").matcher(dom).find(), "R² shown");
                assertTrue(dom.contains(decided.get(0).correlationId()), "decision ids listed");
            }
        }
    }

    /** A closed position consistent with the verdict: BUY gains when the price rose, SELL when it fell, HOLD flat. */
    private static String feedback(TickerDecision d, int i) {
        double move = 1 + i % 5;
        double exit = d.verdict() == Verdict.BUY ? 100 + move : d.verdict() == Verdict.SELL ? 100 - move : 100;
        double profit = d.verdict() == Verdict.HOLD ? 0 : move * 10;
        return String.format(Locale.ROOT, "{\"decision_id\": \"%s\", \"symbol\": \"%s\", \"entry_price\": 100.0, "
                + "\"exit_price\": %.2f, \"actual_profit\": %.2f, \"hold_duration\": 5}", d.correlationId(), d.ticker(), exit, profit);
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
