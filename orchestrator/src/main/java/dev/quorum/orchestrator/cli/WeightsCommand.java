package dev.quorum.orchestrator.cli;

import dev.quorum.memory.store.StoreException;
import dev.quorum.memory.store.UnusableDatabaseException;
import dev.quorum.memory.trust.AgentPerformance;
import dev.quorum.memory.trust.AgentSkill;
import dev.quorum.memory.trust.TrustSnapshot;
import dev.quorum.memory.trust.TrustWeightEvent;
import dev.quorum.orchestrator.config.KnownAgents;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/** {@code bin/quorum weights}: the learned trust weights, an agent's history, or a rollback to a snapshot. */
@Command(name = "weights", mixinStandardHelpOptions = true,
        description = {"Show the learned trust weights, one agent's history, or roll back to a snapshot.",
                "Without options: each agent's weight and record, and the recent snapshots.",
                "Mirrored to the Redis hash quorum:trust:weights (agent -> weight, updated_at)."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE, ExitCodes.NOT_DONE + ":refused (unknown snapshot or agent); nothing changed", ExitCodes.USAGE,
                ExitCodes.STORE_UNUSABLE})
public final class WeightsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreOptions storeOptions;

    @Option(names = "--history", paramLabel = "AGENT", description = "Show the weight changes of AGENT, newest first.")
    String historyAgent;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many events or snapshots to show (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--rollback", paramLabel = "SNAPSHOT", description = "Restore the weights of snapshot SNAPSHOT (recorded as an event per agent); refused under "
            + "beta-log-odds and win-rate, which recompute each weight from the agent's whole record.")
    Long rollbackTo;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, was " + limit);
        }
        if (historyAgent != null && rollbackTo != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--history and --rollback cannot be combined");
        }
        try (QuorumRuntime runtime = storeOptions.openRuntime()) {
            if (rollbackTo != null) {
                Map<String, Double> before = runtime.trust().currentWeights();
                Map<String, Double> after = runtime.trust().rollback(rollbackTo);
                out.printf("Rolled back to snapshot %d (%s):%n", rollbackTo, runtime.config().sqliteFile());
                after.forEach((agent, weight) -> out.printf(Locale.ROOT, "  %-16s %.4f -> %.4f%n", agent,
                        before.getOrDefault(agent, weight), weight));
            } else if (historyAgent != null) {
                KnownAgents.check(historyAgent, runtime.config(), runtime.trust().currentWeights().keySet());
                printHistory(out, runtime.trust().history(historyAgent, limit));
            } else {
                printWeights(out, runtime);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.NOT_DONE;
        } catch (UnusableDatabaseException | StoreException | IllegalStateException e) {
            // A configuration or market-data error goes on to OperatorErrors: exit 2, as in every command.
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
    }

    private void printWeights(PrintWriter out, QuorumRuntime runtime) {
        List<AgentPerformance> agents = runtime.trust().performance();
        out.printf("Trust weights (policy %s, %s)%n", runtime.trust().policy().name(), runtime.config().sqliteFile());
        if (agents.isEmpty()) {
            out.printf(Locale.ROOT, "  none learned yet: every agent weighs %.2f until an outcome of one of its calls is recorded%n",
                    runtime.trust().policy().initialWeight());
            return;
        }
        out.printf("  %-16s %7s %6s %8s %9s %9s %7s %12s %8s%n", "AGENT", "WEIGHT", "CALLS", "CORRECT", "ACCURACY", "WIN RATE",
                "SHARPE", "AVG CONTRIB", "PROFIT F");
        for (AgentPerformance p : agents) {
            out.printf(Locale.ROOT, "  %-16s %7.4f %6d %8d %9s %9s %7s %12s %8s%n", p.agent(), p.currentWeight(), p.totalDecisions(),
                    p.correctDecisions(), percent(p.accuracy()), percent(p.winRate()),
                    p.sharpeRatio().isPresent() ? String.format(Locale.ROOT, "%.2f", p.sharpeRatio().getAsDouble()) : "-",
                    p.avgProfitContribution().isPresent() ? String.format(Locale.ROOT, "%+.3f%%", p.avgProfitContribution().getAsDouble() * 100) : "-",
                    p.profitFactor().isPresent() ? String.format(Locale.ROOT, "%.2f", p.profitFactor().getAsDouble()) : "-");
        }
        printSkills(out, runtime.trust().skills());
        List<TrustSnapshot> snapshots = runtime.trust().snapshots(limit);
        out.println("Snapshots (newest first; restore one with --rollback ID):");
        if (snapshots.isEmpty()) {
            out.println("  none yet");
        }
        for (TrustSnapshot s : snapshots) {
            out.printf("  #%-5d %s  after %d outcomes  %s  %s%n", s.id(), s.createdAt(), s.updateCount(), s.reason(), s.weights());
        }
    }

    /** The directional-accuracy posterior and calibration map every agent has earned, whatever the policy. */
    private static void printSkills(PrintWriter out, Map<String, AgentSkill> skills) {
        out.printf("Directional skill (Beta posterior, forgetting %s; calibrated accuracy per stated-confidence bin):%n",
                AgentSkill.FORGETTING);
        out.printf("  %-16s %10s %8s %8s %9s %8s  %s%n", "AGENT", "DIR CALLS", "ALPHA", "BETA", "ACCURACY", "LOG-ODDS",
                "CALIBRATION 0-.2 .2-.4 .4-.6 .6-.8 .8-1");
        for (AgentSkill skill : skills.values()) {
            StringBuilder map = new StringBuilder();
            for (double p : skill.calibrationMap()) {
                map.append(String.format(Locale.ROOT, " %5.1f%%", p * 100));
            }
            out.printf(Locale.ROOT, "  %-16s %10d %8.2f %8.2f %8.1f%% %+8.3f %s%n", skill.agent(), skill.directionalCalls(),
                    skill.alpha(), skill.beta(), skill.accuracy() * 100, skill.logOdds(), map);
        }
    }

    private static void printHistory(PrintWriter out, List<TrustWeightEvent> events) {
        if (events.isEmpty()) {
            out.println("no weight changes recorded for this agent");
            return;
        }
        for (TrustWeightEvent e : events) {
            out.printf(Locale.ROOT, "  #%-6d %s  %.4f -> %.4f  %-19s %s%n", e.id(), e.createdAt(), e.oldWeight(), e.newWeight(),
                    e.policy(), e.reason());
        }
    }

    private static String percent(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f%%", value.getAsDouble() * 100) : "-";
    }
}
