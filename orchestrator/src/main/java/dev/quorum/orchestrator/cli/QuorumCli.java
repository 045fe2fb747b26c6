package dev.quorum.orchestrator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.time.LocalDate;

/**
 * {@code bin/quorum}: the one entry point. Each subcommand is its own class in the package of the
 * capability it exposes; this class only lists them.
 */
@Command(name = "quorum", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Trading intelligence from a panel of LLM specialist agents.",
        subcommands = {
                CommandLine.HelpCommand.class,
                TailCommand.class,
                PublishSamplesCommand.class,
                dev.quorum.orchestrator.recall.RecallCommand.class,
                AgentsCommand.class,
                WeightsCommand.class,
                ErrorsCommand.class,
                dev.quorum.orchestrator.scaleout.JobsCommand.class,
                FeedbackCommand.class,
                DemoCommand.class,
                RunCommand.class,
                dev.quorum.orchestrator.datasync.DataCommand.class,
                ServeCommand.class,
                dev.quorum.orchestrator.backtest.BacktestCommand.class,
                dev.quorum.orchestrator.promptlab.PromptsCommand.class,
                dev.quorum.trader.cli.TradeCommand.class,
        })
public final class QuorumCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@code bin/quorum} runs it: operator errors are one line and exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new QuorumCli());
        // Before the subcommands are built: every --date of every command reads the same way.
        cli.registerConverter(LocalDate.class, OperatorErrors::tradeDate);
        cli.setExecutionExceptionHandler(new OperatorErrors());
        cli.setParameterExceptionHandler(new OperatorErrors());
        // One version for every command: `quorum run --version` says the same as `quorum --version`.
        BuildVersion.applyTo(cli);
        return cli;
    }
}
