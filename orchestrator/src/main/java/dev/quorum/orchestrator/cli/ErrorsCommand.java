package dev.quorum.orchestrator.cli;

import dev.quorum.memory.store.AgentErrorLog;
import dev.quorum.memory.store.ErrorPattern;
import dev.quorum.memory.store.StoreException;
import dev.quorum.memory.store.UnusableDatabaseException;
import dev.quorum.orchestrator.config.KnownAgents;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bin/quorum errors}: seed 002's get_error_patterns, the recurring failures of the agents. */
@Command(name = "errors", mixinStandardHelpOptions = true,
        description = {"Show the agents' recurring failures by agent and category, most frequent first.",
                "Seed 002's get_error_patterns. Categories: NETWORK, MODEL, DATA, LOGIC, EXCHANGE, MARKET."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE, ExitCodes.NOT_DONE + ":refused (unknown agent)", ExitCodes.USAGE,
                ExitCodes.STORE_UNUSABLE})
public final class ErrorsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOptions storeOptions;

    @Option(names = "--agent", paramLabel = "AGENT", description = "Only this agent's errors.")
    String agent;

    @Option(names = "--since", paramLabel = "D",
            description = "Only errors at or after D: a date (yyyy-MM-dd, from midnight UTC) or an instant (2024-06-03T14:00:00Z).")
    String since;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Instant> from = Optional.ofNullable(since).map(this::instant);
        try (QuorumRuntime runtime = storeOptions.openRuntime()) {
            AgentErrorLog errors = new AgentErrorLog(runtime.database());
            if (agent != null) {
                KnownAgents.check(agent, runtime.config(), errors.patterns(Optional.empty(), Optional.empty()).stream()
                        .map(ErrorPattern::agent).toList());
            }
            List<ErrorPattern> patterns = errors.patterns(Optional.ofNullable(agent), from);
            out.printf("Error patterns (%s%s%s)%n", runtime.config().sqliteFile(), agent == null ? "" : ", agent " + agent,
                    from.map(i -> ", since " + i).orElse(""));
            if (patterns.isEmpty()) {
                out.println("  no agent errors recorded");
            } else {
                out.printf("  %-16s %-9s %6s  %s%n", "AGENT", "CATEGORY", "COUNT", "LAST SEEN");
                for (ErrorPattern p : patterns) {
                    out.printf("  %-16s %-9s %6d  %s%n", p.agent(), p.category(), p.count(), p.lastSeen());
                }
            }
            out.flush();
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.NOT_DONE;
        } catch (UnusableDatabaseException | StoreException | IllegalStateException e) {
            // A configuration or market-data error goes on to OperatorErrors: exit 2, as in every command.
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
    }

    private Instant instant(String text) {
        try {
            return AgentErrorLog.since(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
    }
}
