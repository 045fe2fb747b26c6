package dev.quorum.orchestrator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.quorum.agents.Agent;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.DecisionBudget;
import dev.quorum.agents.features.AgentInputs;
import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.rules.RulesPanel;
import dev.quorum.agents.signal.Abstention;
import dev.quorum.agents.signal.AgentOutcome;
import dev.quorum.agents.signal.AgentSignal;
import dev.quorum.agents.signal.SignalTelemetry;
import dev.quorum.orchestrator.config.Installation;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bin/quorum agents}: runs the agent panel on one (ticker, trade date) from a market-data directory and
 * prints each agent's signal (or abstention) with its telemetry. Exit 0 when it ran, 1 when the backend is
 * unavailable or every agent abstained, 2 (one line, through {@link OperatorErrors}) when the data cannot answer
 * (unknown ticker, not a session, bad directory or file) or the configuration is wrong: the operator fixes those.
 * A relative {@code --data} or {@code --prompts} missing under the working directory is the installation's, as for
 * the configuration's directories ({@link Installation}), so the defaults work from any directory.
 *
 * <p>The table stays readable: the log's warnings (each abstention is in the table with its reason anyway) are off
 * unless {@code --verbose}, and what the probe found out of place is printed to stderr after the table.
 */
@Command(name = "agents", mixinStandardHelpOptions = true,
        description = "Run the agent panel on one ticker and trade date and print each agent's signal with its telemetry.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE, ExitCodes.NOT_DONE + ":every agent abstained, or no Ollama endpoint or model answers", ExitCodes.USAGE})
public final class AgentsCommand implements Callable<Integer> {

    /** Which implementation of the agents runs. */
    public enum Backend { rules, ollama }

    @Spec
    CommandSpec spec;

    @Option(names = "--ticker", required = true, converter = TickerOption.class, description = "Ticker with a prices/<TICKER>.csv file, e.g. NVDA.")
    String ticker;

    @Option(names = "--date", required = true, description = "Trade date (a trading session), yyyy-MM-dd, e.g. 2024-06-03.")
    LocalDate date;

    @Option(names = "--backend", defaultValue = "rules",
            description = "rules (deterministic baseline, offline) or ollama. Default: ${DEFAULT-VALUE}.")
    Backend backend;

    @Option(names = "--data", defaultValue = "samples/market",
            description = "Market-data directory in the layout of ../shared/data (prices/, macro/, news/). "
                    + "Default: ${DEFAULT-VALUE} (the sample shipped with Quorum; a relative directory missing here is the installation's).")
    Path data;

    @Option(names = "--show-inputs", description = "Also print the features and headlines the agents saw.")
    boolean showInputs;

    @Option(names = "--verbose", description = "Also log the chain's warnings (retries, circuits, abstentions) while the agents run.")
    boolean verbose;

    /** The chain, endpoints and fallback of {@code --backend ollama}. */
    @Mixin
    OllamaOptions ollama;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dataDir = Installation.resolve(data);
        // An unknown ticker, a day that is not a session, a bad directory: a MarketDataException, the operator's to fix.
        AgentInput input = new AgentInputs(CsvMarketData.open(dataDir)).forDecision(ticker, date);
        List<Agent> agents = RulesPanel.defaultAgents();
        List<AgentOutcome> outcomes = new ArrayList<>();
        List<String> warnings = List.of();
        if (backend == Backend.ollama) {
            Logger quorumLog = (Logger) LoggerFactory.getLogger("dev.quorum");
            Level logLevel = quorumLog.getLevel();
            if (!verbose) {
                quorumLog.setLevel(Level.ERROR);
            }
            try (OllamaPanel panel = ollama.open(agents)) {
                printHeader(out, dataDir, input);
                outcomes.addAll(panel.assess(input));
                warnings = panel.warnings();
            } catch (OllamaOptions.Unavailable e) {
                err.println(spec.qualifiedName() + ": " + e.getMessage());
                return ExitCodes.NOT_DONE;
            } finally {
                quorumLog.setLevel(logLevel);
            }
        } else {
            printHeader(out, dataDir, input);
            for (Agent agent : agents) {
                outcomes.add(agent.assess(input, DecisionBudget.unlimited()));
            }
        }
        outcomes.forEach(outcome -> printOutcome(out, outcome));
        out.flush();
        warnings.forEach(warning -> err.println("warning: " + warning));
        if (outcomes.stream().allMatch(Abstention.class::isInstance)) {
            err.println(spec.qualifiedName() + ": every agent abstained; see the reasons above");
            err.flush();
            return ExitCodes.NOT_DONE;
        }
        err.flush();
        return ExitCodes.OK;
    }

    private void printHeader(PrintWriter out, Path dataDir, AgentInput input) {
        out.printf("%s on %s, backend %s, data %s (%d features, %d headlines)%n", ticker, date, backend,
                dataDir, input.features().size(), input.headlines().size());
        if (showInputs) {
            printInputs(out, input);
        }
        out.println();
        out.printf("%-10s %-20s %-8s %5s  %s%n", "AGENT", "DOMAIN", "SIGNAL", "CONF", "SUMMARY");
    }

    private static void printOutcome(PrintWriter out, AgentOutcome outcome) {
        if (outcome instanceof AgentSignal s) {
            out.printf(Locale.ROOT, "%-10s %-20s %-8s %5.2f  %s%n", s.agent(), s.domain(), s.signal(), s.confidence(), s.summary());
            for (String factor : s.keyFactors()) {
                out.println("           - " + factor);
            }
        } else if (outcome instanceof Abstention a) {
            out.printf("%-10s %-20s %-8s %5s  %s: %s%n", a.agent(), a.domain(), "ABSTAIN", "-", a.category(), a.reason());
        }
        out.println("           telemetry: " + describe(outcome.telemetry()));
    }

    private static String describe(SignalTelemetry t) {
        return String.format(Locale.ROOT, "backend=%s model=%s endpoint=%s attempts=%d fallback=%s latency=%.1fms "
                        + "tokens=%d/%d prompt=%s hash=%s", t.backend().wire(), orDash(t.model()), orDash(t.endpoint()), t.attempts(),
                t.fallbackPath().isEmpty() ? "-" : String.join(" ; ", t.fallbackPath()), t.latency().toNanos() / 1e6,
                t.promptTokens(), t.completionTokens(), orDash(t.promptId()), t.promptHash().isEmpty() ? "-" : t.promptHash());
    }

    private static void printInputs(PrintWriter out, AgentInput input) {
        input.features().forEach((key, value) -> out.printf(Locale.ROOT, "  %-26s %s%n", key,
                value instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : value));
        // headlines are untrusted text: one line each, control characters shown as spaces
        input.headlines().forEach(h -> out.println("  | " + h.replaceAll("\\p{Cntrl}", " ")));
    }

    private static String orDash(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
