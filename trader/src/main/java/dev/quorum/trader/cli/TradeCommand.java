package dev.quorum.trader.cli;

import dev.quorum.envelope.redis.RedisUnavailableException;
import dev.quorum.trader.TraderRuntime;
import dev.quorum.trader.broker.MarketDataException;
import dev.quorum.trader.config.TraderConfigException;
import dev.quorum.trader.config.TraderConfigLoader;
import dev.quorum.trader.config.TraderSetup;
import dev.quorum.trader.state.TraderStoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code bin/quorum trade}: the trading consumer of the envelope stream (paper by default). */
@Command(name = "trade", mixinStandardHelpOptions = true,
        description = {"Trade the envelope stream (paper by default; not investment advice).",
                "Verdicts become orders at a simulated broker or Alpaca paper; closed",
                "positions are reported to Quorum's /api/feedback.",
                "Configuration: config/trader.example.yaml. Environment:",
                "  QUORUM_HTTP_TOKEN, QUORUM_TRADER_REDIS_URL,",
                "  APCA_API_KEY_ID and APCA_API_SECRET_KEY (broker.kind: alpaca),",
                "  QUORUM_TRADER_CONFIRM_LIVE=yes (live, with broker.live: true)."},
        subcommands = TradeCommand.Status.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (SIGTERM, Ctrl-C) or, with --once, done",
                "1:--once ended with decisions it could not handle left pending (one line each, with why)",
                "2:bad usage, configuration or Redis: one line names it",
                "3:the state file or a price file cannot be used (the line names the file and why)"})
public final class TradeCommand implements Callable<Integer> {

    // Copies of the orchestrator's ExitCodes (this module sits below it): the same code for the same problem.
    static final int NOT_DONE = 1;
    static final int OPERATOR_ERROR = 2;
    static final int UNUSABLE = 3;
    /** Every error line starts so, as every other command's {@code quorum <command>: } (bin/quorum is the way in). */
    static final String PREFIX = "quorum trade: ";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The trader's YAML file (required).")
    Path config;

    @Option(names = "--once", description = "Consume what the stream holds, let the book come to rest (fills, due exits, feedback), then exit.")
    boolean once;

    /** The environment, replaceable in tests. */
    Map<String, String> environment = System.getenv();

    /** Counted down to stop a running trader (SIGTERM and SIGINT do it). */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (config == null) {
            err.println(PREFIX + "--config FILE is required (see config/trader.example.yaml)");
            return OPERATOR_ERROR;
        }
        try {
            TraderSetup setup = TraderConfigLoader.load(config, environment);
            try (TraderRuntime runtime = TraderRuntime.open(setup)) {
                // Signal handlers rather than a shutdown hook (as serve): the orderly stop runs on this thread, the
                // book's summary is printed and the exit code is ours. A hook only counted down and returned, and the
                // JVM halted with 143 before the summary.
                SignalHandler term = Signal.handle(new Signal("TERM"), s -> stop.countDown());
                SignalHandler interrupt = Signal.handle(new Signal("INT"), s -> stop.countDown());
                List<String> leftPending;
                try {
                    leftPending = runtime.run(once, stop);
                } finally {
                    Signal.handle(new Signal("TERM"), term);
                    Signal.handle(new Signal("INT"), interrupt);
                }
                spec.commandLine().getOut().print(runtime.trader().status().text());
                spec.commandLine().getOut().flush();
                for (String entry : leftPending) {
                    err.println(PREFIX + "left pending, not handled: " + entry);
                }
                err.flush();
                return leftPending.isEmpty() ? 0 : NOT_DONE;
            }
        } catch (TraderConfigException | RedisUnavailableException e) {
            err.println(PREFIX + e.getMessage());
            err.flush();
            return OPERATOR_ERROR;
        } catch (TraderStoreException | MarketDataException e) {
            err.println(PREFIX + e.getMessage());
            err.flush();
            return UNUSABLE;
        }
    }

    /** {@code bin/quorum trade status --config FILE}: the book from the state file, no Redis needed. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Print open positions, exposure, realised and unrealised P&L, rejected orders, the feedback outbox.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:done", "2:bad usage or configuration, or no state file yet (the trader has not run)",
                    "3:the state file or a price file cannot be used (the line names the file and why)"})
    static final class Status implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        TradeCommand parent;

        @Option(names = "--config", paramLabel = "FILE", description = "The trader's YAML file (required).")
        Path config;

        @Override
        public Integer call() {
            if (config == null) {
                // The same line as trade's own, not picocli's "Missing required option".
                spec.commandLine().getErr().println("quorum trade status: --config FILE is required (see config/trader.example.yaml)");
                return OPERATOR_ERROR;
            }
            try {
                TraderSetup setup = TraderConfigLoader.load(config, parent.environment);
                if (!java.nio.file.Files.exists(setup.config().state())) {
                    throw new TraderConfigException("state_path: " + setup.config().state().toAbsolutePath()
                            + " does not exist yet: the trader has not run with this configuration");
                }
                try (TraderRuntime runtime = TraderRuntime.open(setup)) {
                    spec.commandLine().getOut().print(runtime.trader().status().text());
                    spec.commandLine().getOut().flush();
                    return 0;
                }
            } catch (TraderConfigException e) {
                spec.commandLine().getErr().println("quorum trade status: " + e.getMessage());
                return OPERATOR_ERROR;
            } catch (TraderStoreException | MarketDataException e) {
                spec.commandLine().getErr().println("quorum trade status: " + e.getMessage());
                return UNUSABLE;
            }
        }
    }
}
