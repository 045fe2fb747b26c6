package dev.quorum.orchestrator.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.agents.json.Json;
import dev.quorum.orchestrator.config.ConfigException;
import dev.quorum.orchestrator.config.HttpConfig;
import dev.quorum.orchestrator.health.HealthReport;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * The HTTP API. Routes:
 * <pre>
 *   GET  /api/status            engine state, last cycle, outbox backlog
 *   POST /api/scan              run one cycle now (409 while one runs)
 *   POST /api/start | /api/stop switch the schedule on / off
 *   POST /api/feedback          seed 001 outcome payload
 *   GET  /api/weights           current trust weights
 *   GET  /api/learning/status   meta-learner loss, R², learning curve
 *   GET  /health | /health/ready readiness: SQLite, Redis, Chroma, the LLM (enough Ollama endpoints serve the chain), the
 *                               agent error rate (200 UP/DEGRADED, 503 DOWN): what a load balancer routes by
 *   GET  /health/live           liveness: 200 while the process answers, whatever its dependencies (systemd,
 *                               a supervisor restarting a hung process)
 *   GET  /metrics               Prometheus text format
 *   GET  /api/decisions         the latest stored decisions
 *   GET  /api/errors            seed 002's error patterns (?agent=A&amp;since=yyyy-MM-dd or instant)
 *   GET  /api/performance       seed 002's PerformanceAnalyzer (?ticker=T&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd)
 *   GET  /api/decisions/{id}    one decision's drill-down: signals, reasoning, fallback paths, recall, trust weights
 *                               used, outcome when known
 *   GET  /api/agents/track-record  per agent, directional accuracy and calibration after each trade date
 *   GET  /api/stream/tail       the envelopes most recently queued for the stream (?after=ID&amp;limit=N, N &lt;= 200)
 *   /api/pim/scan, /api/pim/status, /api/pim/start, /api/pim/stop, /api/pim/feedback, /api/pim/metalearner/status,
 *   /api/pim/metalearner/weights: seed 001's paths for its callers, answered by the same handlers
 *   GET  /                      the dashboard: charts, decisions with their drill-down, track record, stream tail;
 *                               it asks for the token in a login prompt and refreshes every 5 s
 *   GET  /assets/uplot.js, /assets/uplot.css  the charting library (uPlot, MIT), from its webjar
 * </pre>
 * With a token configured, every route but {@code /health} and the static files ({@code /}, {@code /assets/}) requires {@code Authorization: Bearer <token>}
 * (401 otherwise); {@code /health} says only up/down per dependency, with redacted URLs. Without one, the
 * state-changing routes require the {@link ControlToken} instead. Before any of that, {@link BrowserGuard} refuses
 * foreign Host names, cross-site state changes and non-JSON bodies; Jetty's own refusals (malformed requests,
 * oversized headers) answer with the same JSON {@link ApiError} body as the routes.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final String JSON = "application/json";
    /** How long {@link #close} waits for the requests in flight to be answered. */
    private static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(10);
    /** The dashboard page: static, no data in it (it reads the API), so it is served without the token. */
    private static final byte[] DASHBOARD = resource(ApiServer.class, "dashboard.html");
    /** uPlot from its webjar, at the version the build pinned (the webjar's own pom.properties names it). */
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/" + webjarVersion("uplot") + "/dist/";
    private static final byte[] UPLOT_JS = resource(ApiServer.class, UPLOT + "uPlot.iife.min.js");
    private static final byte[] UPLOT_CSS = resource(ApiServer.class, UPLOT + "uPlot.min.css");

    private final ApiBackends backends;
    private final Optional<BearerToken> token;
    private final Optional<BearerToken> control;
    private final BrowserGuard guard;
    private final ObjectMapper json = Json.MAPPER;
    private final Javalin app;

    /**
     * @param controlToken the token the state-changing routes require when {@code config} has none; empty leaves
     *                     them open (tests of the routes themselves)
     */
    public ApiServer(HttpConfig config, Optional<String> controlToken, ApiBackends backends) {
        this.backends = backends;
        this.token = config.bearerToken().map(BearerToken::new);
        this.control = token.isPresent() ? Optional.empty() : controlToken.map(BearerToken::new);
        this.guard = new BrowserGuard(config);
        this.app = Javalin.create(this::configure);
        try {
            app.start(config.bind(), config.port());
        } catch (io.javalin.util.JavalinBindException e) {
            // Taken between requirePortFree and here (Javalin has logged it already): still the operator's line.
            throw portTaken(config, e);
        }
        log.info("HTTP API listening on {}:{} ({})", config.bind(), app.port(),
                token.isPresent() ? "bearer token required"
                        : control.isPresent() ? "reads open, control needs the token in the data directory's api-token file"
                        : "no token: keep it on loopback");
    }

    private static byte[] resource(Class<?> anchor, String name) {
        try (java.io.InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath: broken build");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String webjarVersion(String artifact) {
        java.util.Properties properties = new java.util.Properties();
        try {
            properties.load(new java.io.ByteArrayInputStream(resource(ApiServer.class,
                    "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    /**
     * Refuses a port another process holds before anything else starts ({@code serve} calls it first): a bind that
     * fails in {@link #ApiServer} comes after the schedule and the outbox started, and Javalin logs its trace first.
     */
    public static void requirePortFree(HttpConfig config) {
        if (!config.enabled() || config.port() == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(config.bind(), config.port()));
        } catch (java.io.IOException e) {
            throw portTaken(config, e);
        }
    }

    private static ConfigException portTaken(HttpConfig config, Exception e) {
        java.net.InetSocketAddress address = new java.net.InetSocketAddress(config.bind(), config.port());
        if (address.isUnresolved() || !isOfThisMachine(address.getAddress())) {
            // Not the port's fault: the message blamed http.port and guessed at another quorum serve.
            return new ConfigException("http.bind", "'" + config.bind() + "' is not an address of this machine"
                    + " (set http.bind or QUORUM_HTTP_BIND to 127.0.0.1, 0.0.0.0, ::1 or an address of one of its interfaces)");
        }
        return new ConfigException("http.port", config.port() + " on " + config.bind() + " cannot be bound: "
                + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + " (another quorum serve? set"
                + " another http.port or http.bind, or QUORUM_HTTP_PORT)");
    }

    private static boolean isOfThisMachine(java.net.InetAddress address) {
        try {
            return address.isAnyLocalAddress() || address.isLoopbackAddress() || java.net.NetworkInterface.getByInetAddress(address) != null;
        } catch (java.net.SocketException e) {
            return true; // cannot tell: the port's message stands
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = 1_000_000L;
        // A known path asked with the wrong method is 405 naming the methods it takes, not "no endpoint".
        config.http.prefer405over404 = true;
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler());
            // A request in progress when the server stops (a POST /api/scan that serve's SIGTERM cut short) still
            // gets its answer: the connector stops accepting, the requests in flight finish, for up to STOP_WAIT.
            server.setHandler(new org.eclipse.jetty.server.handler.GracefulHandler());
            server.setStopTimeout(STOP_WAIT.toMillis());
        });
        config.routes.before(ctx -> guard.check(ctx, app.port()));
        config.routes.before(this::authenticate);
        config.routes.get("/api/status", ctx -> respond(ctx, 200, ApiViews.status(engine().status())));
        config.routes.post("/api/scan", ctx -> respond(ctx, 200, scan()));
        config.routes.post("/api/start", ctx -> respond(ctx, 200, Map.of("scheduled", true, "changed", engine().start())));
        config.routes.post("/api/stop", ctx -> respond(ctx, 200, Map.of("scheduled", false, "changed", engine().stop())));
        config.routes.post("/api/feedback", ctx -> respond(ctx, 200, feedback(ctx)));
        config.routes.get("/api/weights", ctx -> respond(ctx, 200, view(backends.weights(), "trust weights").read()));
        config.routes.get("/api/learning/status", ctx -> respond(ctx, 200, view(backends.learning(), "meta-learner").read()));
        config.routes.get("/api/decisions", ctx -> respond(ctx, 200, view(backends.decisions(), "decision store").read()));
        config.routes.get("/api/decisions/{correlation_id}", ctx -> respond(ctx, 200, query(backends.dashboard().decision(),
                "decision drill-down").read(Map.of("correlation_id", ctx.pathParam("correlation_id")))));
        config.routes.get("/api/agents/track-record", ctx -> respond(ctx, 200, view(backends.dashboard().trackRecord(),
                "agent track record").read()));
        config.routes.get("/api/stream/tail", ctx -> respond(ctx, 200, query(backends.dashboard().streamTail(),
                "stream tail").read(firstValues(ctx))));
        config.routes.get("/api/errors", ctx -> respond(ctx, 200, query(backends.errors(), "the error store").read(firstValues(ctx))));
        config.routes.get("/api/performance", ctx -> respond(ctx, 200, query(backends.performance(), "the performance analysis")
                .read(firstValues(ctx))));
        // Seed 001's paths, registered like every route so every before-handler (token, guards) applies to them too.
        config.routes.post("/api/pim/scan", ctx -> respond(ctx, 200, scan()));
        config.routes.get("/api/pim/status", ctx -> respond(ctx, 200, ApiViews.status(engine().status())));
        config.routes.post("/api/pim/start", ctx -> respond(ctx, 200, Map.of("scheduled", true, "changed", engine().start())));
        config.routes.post("/api/pim/stop", ctx -> respond(ctx, 200, Map.of("scheduled", false, "changed", engine().stop())));
        config.routes.post("/api/pim/feedback", ctx -> respond(ctx, 200, feedback(ctx)));
        config.routes.get("/api/pim/metalearner/status", ctx -> respond(ctx, 200, view(backends.learning(), "meta-learner").read()));
        config.routes.get("/api/pim/metalearner/weights", ctx -> respond(ctx, 200, metaLearnerWeights()));
        config.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(DASHBOARD));
        config.routes.get("/assets/uplot.js", ctx -> ctx.contentType("text/javascript; charset=utf-8").result(UPLOT_JS));
        config.routes.get("/assets/uplot.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(UPLOT_CSS));
        config.routes.get("/health", this::health);
        config.routes.get("/health/ready", this::health);
        config.routes.get("/health/live", ctx -> respond(ctx, 200, Map.of("status", HealthReport.Status.UP)));
        config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(backends.metrics().scrape()));
        config.routes.after(this::count);
        config.routes.exception(ApiException.class, (e, ctx) -> respond(ctx, e.status(), e.body()));
        // Javalin's own refusals (body over maxRequestSize: 413, ...) would otherwise answer in plain text.
        config.routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 405) {
                // Javalin names the methods the path takes; the 405 error handler below writes the body.
                ctx.header("Allow", e.getDetails().getOrDefault("availableMethods", ""));
                ctx.status(405);
                return;
            }
            respond(ctx, e.getStatus(), new ApiError(e.getStatus() == 413 ? "content_too_large" : "bad_request",
                    e.getStatus() == 413 ? "the body is larger than 1000000 bytes" : e.getMessage()));
        });
        config.routes.exception(IllegalArgumentException.class, (e, ctx) -> respond(ctx, 400, new ApiError("bad_request", e.getMessage())));
        config.routes.exception(NoSuchElementException.class, (e, ctx) -> respond(ctx, 404, new ApiError("not_found", e.getMessage())));
        config.routes.exception(IllegalStateException.class, (e, ctx) -> respond(ctx, 409, new ApiError("conflict", e.getMessage())));
        config.routes.exception(Exception.class, (e, ctx) -> {
            // The stack trace goes to the log under an id the client can quote; the client never sees it.
            String id = UUID.randomUUID().toString();
            log.error("request {} {} failed (error id {})", ctx.method(), ctx.path(), id, e);
            respond(ctx, 500, new ApiError("internal_error", "the request failed; error id " + id + " is in the service log"));
        });
        config.routes.error(404, ctx -> {
            // Only where no route matched: a route's own 404 ("no decision c-2") already says what is missing.
            if (ctx.endpoints().matchedHttpEndpoint() == null) {
                respond(ctx, 404, new ApiError("not_found", "no endpoint " + ctx.method() + " " + ctx.path()));
            }
        });
        config.routes.error(405, ctx -> respond(ctx, 405, new ApiError("method_not_allowed", ctx.method() + " is not allowed on "
                + ctx.path() + "; it takes " + ctx.res().getHeader("Allow"))));
    }

    private void authenticate(Context ctx) {
        if (ctx.method() == HandlerType.OPTIONS || ctx.path().equals("/health") || ctx.path().startsWith("/health/")
                || "/".equals(ctx.path()) || ctx.path().startsWith("/assets/")) {
            return;
        }
        if (token.isPresent() && !token.get().accepts(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", "missing or wrong bearer token (Authorization: Bearer <token>)");
        }
        if (control.isPresent() && BrowserGuard.changesState(ctx.method()) && !control.get().accepts(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", "this request changes the service's state: send Authorization: Bearer"
                    + " <token>, the token in the api-token file of the service's data directory");
        }
    }

    private void count(Context ctx) {
        // The matched HTTP route, not the raw path: unbounded label values would blow up the metric.
        io.javalin.router.Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched == null ? "unmatched" : matched.path;
        backends.metrics().counter("quorum.http.requests", "method", ctx.method().name(), "route", route,
                "status", Integer.toString(ctx.statusCode())).increment();
    }

    private Map<String, Object> scan() {
        Timer.Sample sample = Timer.start(backends.metrics());
        try {
            return ApiViews.cycle(engine().scan());
        } finally {
            sample.stop(backends.metrics().timer("quorum.http.scan"));
        }
    }

    private Object feedback(Context ctx) {
        JsonAction action = backends.feedback().orElseThrow(() -> ApiException.unavailable(
                "outcome feedback is not available in this build: the memory feedback component is not wired"));
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object (seed 001 feedback payload)");
        }
        return action.apply(body);
    }

    private void health(Context ctx) {
        HealthReport report = backends.readiness().evaluate();
        respond(ctx, report.down() ? 503 : 200, report);
    }

    private dev.quorum.orchestrator.service.Engine engine() {
        return backends.engine().orElseThrow(() -> ApiException.unavailable(
                "the decision engine is not running in this process"));
    }

    private static JsonView view(Optional<JsonView> view, String component) {
        return view.orElseThrow(() -> ApiException.unavailable(component + " is not available in this build: the component is not wired"));
    }

    private static JsonQuery query(Optional<JsonQuery> query, String component) {
        return query.orElseThrow(() -> ApiException.unavailable(component + " is not available in this build: the component is not wired"));
    }

    /** Seed 001's {@code /metalearner/weights}: the {@code agent_weights} of the meta-learner status. */
    private Map<String, Object> metaLearnerWeights() {
        Object status = view(backends.learning(), "meta-learner").read();
        Object weights = status instanceof Map<?, ?> fields ? fields.get("agent_weights") : null;
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("success", true);
        view.put("agent_weights", weights);
        return view;
    }

    private static Map<String, String> firstValues(Context ctx) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> query.put(name, values.isEmpty() ? "" : values.get(0)));
        return query;
    }

    private void respond(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(JSON).result(json.writeValueAsString(body));
        } catch (JacksonException e) {
            throw new IllegalStateException("response could not be written as JSON", e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
