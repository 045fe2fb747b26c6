package dev.quorum.orchestrator.cli;

import dev.quorum.memory.outcomes.OutcomeRejectedException;
import dev.quorum.memory.outcomes.ResolvedOutcome;
import dev.quorum.memory.store.StoreException;
import dev.quorum.memory.store.UnusableDatabaseException;
import dev.quorum.memory.trust.ScoredCall;
import dev.quorum.agents.market.MarketDataException;
import dev.quorum.orchestrator.config.ConfigException;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:recorded", "1:refused (the message names the field); nothing was recorded", "2:bad usage",
                "3:the configuration, the database or the payload file cannot be used"})
public final class FeedbackCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOptions storeOptions;

    @Option(names = "--file", paramLabel = "PAYLOAD", description = "The JSON payload; '-' or absent: read it from standard input.")
    Path payloadFile;

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
            err.println("feedback: cannot read the payload " + (payloadFile == null ? "from standard input" : payloadFile) + ": " + e.getMessage());
            return StoreOptions.UNUSABLE;
        }
        try (QuorumRuntime runtime = storeOptions.openRuntime()) {
            ResolvedOutcome outcome = runtime.outcomes().recordFeedback(payload);
            out.printf(Locale.ROOT, "Recorded feedback for %s (%s %s %s): return %+.2f%%, policy %s%n", outcome.correlationId(),
                    outcome.ticker(), outcome.tradeDate(), outcome.verdict(), outcome.observation().realizedReturn() * 100,
                    runtime.trust().policy().name());
            for (ScoredCall call : outcome.calls()) {
                out.printf(Locale.ROOT, "  %-16s %-8s %.2f  %-7s weight %.4f%n", call.agent(), call.signal(), call.confidence(),
                        call.correct() ? "right" : "wrong", outcome.weightsAfter().get(call.agent()));
            }
            out.flush();
            return 0;
        } catch (OutcomeRejectedException e) {
            err.println("feedback refused: " + e.getMessage());
            return StoreOptions.REFUSED;
        } catch (UnusableDatabaseException | StoreException | ConfigException | MarketDataException | IllegalStateException | IllegalArgumentException e) {
            err.println("feedback: " + e.getMessage());
            return StoreOptions.UNUSABLE;
        }
    }
}
