package dev.quorum.orchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.agents.json.Json;
import dev.quorum.memory.outcomes.OutcomeRejectedException;
import dev.quorum.memory.outcomes.ResolvedOutcome;
import dev.quorum.memory.store.StoreException;
import dev.quorum.memory.store.UnusableDatabaseException;
import dev.quorum.memory.trust.ScoredCall;
import dev.quorum.orchestrator.config.ConfigException;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.http.ControlToken;
import dev.quorum.orchestrator.runtime.DataDirLockedException;
import dev.quorum.orchestrator.runtime.MetaLearnerTraining;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bin/quorum feedback}: records seed 001's outcome payload for a decision and updates the trust weights. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = {"Record how a decision's trade turned out and learn the trust weights from it.",
                "Payload (seed 001), agent_votes optional:",
                "  {\"decision_id\": \"<correlation id>\", \"symbol\": \"AAPL\",",
                "   \"entry_price\": 150.0, \"exit_price\": 157.5, \"actual_profit\": 75.0,",
                "   \"hold_duration\": 5, \"agent_votes\": {\"technical\":",
                "   {\"direction\": \"LONG\", \"confidence\": 0.85, \"position_size\": 10}}}",
                "Unknown or inconsistent input is refused with the field named."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK + ":recorded", ExitCodes.NOT_DONE + ":refused (the message names the field); nothing was recorded",
                ExitCodes.USAGE, ExitCodes.UNUSABLE + ":the database or the payload file cannot be used, or the service does not answer",
                ExitCodes.LEARNING_FAILED + ":recorded, but the meta-learner update failed (retried before the next outcome's update)"})
public final class FeedbackCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = Json.MAPPER;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOptions storeOptions;

    @Option(names = "--file", paramLabel = "PAYLOAD", description = "The JSON payload; '-' or absent: read it from standard input.")
    Path payloadFile;

    @Option(names = "--via-api", paramLabel = "URL",
            description = {"Send the payload to a running serve's POST /api/feedback (e.g. http://127.0.0.1:8088) instead",
                    "of writing the database here. Token: QUORUM_HTTP_TOKEN, else the data directory's api-token.",
                    "Automatic when a serve with its API on holds the data directory."})
    URI viaApi;

    /** Standard input, replaceable in tests. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String payload;
        try {
            payload = payloadFile == null || payloadFile.toString().equals("-")
                    ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(payloadFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println(spec.qualifiedName() + ": cannot read the payload "
                    + (payloadFile == null || payloadFile.toString().equals("-") ? "from standard input: " + e.getMessage()
                    : payloadFile + ": " + whyUnreadable(payloadFile, e)));
            return ExitCodes.UNUSABLE;
        }
        if (viaApi != null) {
            return forward(viaApi, payload, out, err);
        }
        try (QuorumRuntime runtime = storeOptions.openRuntime()) {
            ResolvedOutcome outcome = runtime.outcomes().recordFeedback(payload);
            out.printf(Locale.ROOT, "Recorded feedback for %s (%s %s %s): return %+.2f%%, policy %s%n", outcome.correlationId(),
                    outcome.ticker(), outcome.tradeDate(), outcome.verdict(), outcome.observation().realizedReturn() * 100,
                    runtime.trust().policy().name());
            for (ScoredCall call : outcome.calls()) {
                // the policy's own word for the call (beta-log-odds scores the sign, not the band), as the weight history says
                out.printf(Locale.ROOT, "  %-16s %-8s %.2f  %-25s weight %.4f%n", call.agent(), call.signal(), call.confidence(),
                        runtime.trust().policy().judged(call), outcome.weightsAfter().get(call.agent()));
            }
            out.flush();
            MetaLearnerTraining.Result learning = runtime.training().take(outcome.correlationId())
                    .orElse(MetaLearnerTraining.Result.NOTHING_TO_LEARN);
            if (learning.error().isPresent()) {
                err.println(spec.qualifiedName() + ": recorded, but the meta-learner update failed: " + learning.error().get()
                        + " (retried before the next outcome's update)");
                return ExitCodes.LEARNING_FAILED;
            }
            learning.step().ifPresent(step -> out.printf(Locale.ROOT, "  meta-learner step %d: predicted %+.4f, actual %+.4f, loss %.6f%n",
                    step.step(), step.predicted(), step.actual(), step.loss()));
            out.flush();
            return ExitCodes.OK;
        } catch (DataDirLockedException e) {
            if (e.holder().api().isPresent()) {
                err.println(spec.qualifiedName() + ": the data directory belongs to the running quorum "
                        + e.holder().command().orElse("serve") + " (pid " + e.holder().pid().map(String::valueOf).orElse("?")
                        + "); sending through its API at " + e.holder().api().get());
                err.flush();
                return forward(URI.create(e.holder().api().get()), payload, out, err);
            }
            // A locked database with nowhere to forward to: exit 2 like every other command refused by the lock.
            throw e;
        } catch (OutcomeRejectedException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.NOT_DONE;
        } catch (UnusableDatabaseException | StoreException | IllegalStateException | IllegalArgumentException e) {
            // A configuration or market-data error goes on to OperatorErrors: exit 2, as in every command.
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
    }

    /** Why the payload file cannot be read, in words: the JDK's exceptions say only the path for the common cases. */
    static String whyUnreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (Files.isDirectory(file)) {
            return "it is a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "not readable by this process (permission denied)";
        }
        return e.getMessage() == null || e.getMessage().equals(file.toString()) ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The payload through {@code POST /api/feedback} of the service at {@code api}: the service writes, learns and
     * indexes exactly as it does for its own outcomes; this process touches no file.
     */
    private int forward(URI api, String payload, PrintWriter out, PrintWriter err) {
        String base = api.toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/feedback"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        apiToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println(spec.qualifiedName() + ": the service at " + base + " does not answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            return ExitCodes.UNUSABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(spec.qualifiedName() + ": interrupted while waiting for the service at " + base);
            return ExitCodes.UNUSABLE;
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        if (response.statusCode() == 200 && !body.path("success").asBoolean(true)) {
            err.println(spec.qualifiedName() + ": recorded through the service at " + base + ", but the meta-learner update failed: "
                    + body.path("meta_learner").path("error").asText());
            return ExitCodes.LEARNING_FAILED;
        }
        if (response.statusCode() == 200) {
            out.printf(Locale.ROOT, "Recorded feedback for %s (%s %s %s) through the service at %s; weights now %s%n",
                    body.path("decision_id").asText(), body.path("symbol").asText(), body.path("trade_date").asText(),
                    body.path("verdict").asText(), base, body.path("agent_weights"));
            out.flush();
            return ExitCodes.OK;
        }
        String detail = body.path("detail").asText("HTTP " + response.statusCode());
        int status = response.statusCode();
        boolean refused = status == 400 || status == 404 || status == 409;
        err.println(spec.qualifiedName() + ": " + (refused ? "" : "the service at " + base + " answered " + status + ": ") + detail);
        return refused ? ExitCodes.NOT_DONE : ExitCodes.UNUSABLE;
    }

    /** The configured token, else the control token a local serve generated in the data directory. */
    private Optional<String> apiToken() {
        try {
            QuorumConfig config = storeOptions.loadConfig();
            return config.http().bearerToken().or(() -> ControlToken.read(config.dataDirectory()));
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }
}
