package dev.quorum.orchestrator.datasync;

import dev.quorum.orchestrator.cli.ConfigOption;
import dev.quorum.orchestrator.cli.ExitCodes;
import dev.quorum.orchestrator.cli.TickerOption;
import dev.quorum.orchestrator.config.QuorumConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code quorum data ...}: the market-data directory. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Keep the market-data directory current.",
        subcommands = {CommandLine.HelpCommand.class, DataCommand.Sync.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE, ExitCodes.USAGE})
public final class DataCommand {
    // Not runnable itself: "quorum data" alone is a usage error (a missing subcommand, exit 2), as "quorum jobs" is.

    /**
     * {@code quorum data sync [--config FILE] [--tickers ...] [--from D] [--allow-revisions]}: exit code 0 when every
     * file is current, 1 when some file failed or has revisions pending, 2 on a configuration error or a refused key.
     */
    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Bring prices (watchlist and SPY), news and macro series up to the last completed session.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.OK + ":every file is current", ExitCodes.NOT_DONE + ":some file failed or has revisions pending",
                    ExitCodes.USAGE + " (also a refused provider key)"})
    public static final class Sync implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Option(names = "--tickers", split = ",", converter = TickerOption.class, description = "Tickers to sync instead of the watchlist, comma-separated (SPY is always synced: it is the calendar).")
        List<String> tickers;

        @Option(names = "--from", description = "First date yyyy-MM-dd of a file that does not exist yet (default: market.sync.start_date).")
        LocalDate from;

        @Option(names = "--allow-revisions", description = "Rewrite stored bars that the provider now reports differently (a split); each is listed with old and new values.")
        boolean allowRevisions;

        @Override
        public Integer call() {
            QuorumConfig loaded = config.load();
            Clock clock = Clock.systemUTC();
            LocalDate lastSession = MarketDataSync.lastCompletedSession(clock);
            if (from != null && from.isAfter(lastSession)) {
                // Asked anyway, the providers answer nothing for the range, which would read as an unknown symbol.
                throw new CommandLine.ParameterException(spec.commandLine(), "--from " + from
                        + " is after the last completed session " + lastSession + ": a new file has nothing to start from");
            }
            PrintWriter out = spec.commandLine().getOut();
            MarketDataSync sync = MarketDataSync.open(loaded.marketDataDirectoryToSync(), loaded.market().sync(),
                    new SyncMetrics(new SimpleMeterRegistry()), clock, out);
            MarketDataSync.Report report = sync.sync(tickers == null || tickers.isEmpty() ? loaded.watchlist() : tickers,
                    Optional.ofNullable(from), allowRevisions);
            long failed = report.files().stream().filter(f -> f.status() != MarketDataSync.Status.UPDATED
                    && f.status() != MarketDataSync.Status.UP_TO_DATE).count();
            out.println("Synced " + report.files().size() + " file(s): " + report.rowsAdded() + " row(s) added, "
                    + failed + " not current.");
            out.flush();
            return report.complete() ? ExitCodes.OK : ExitCodes.NOT_DONE;
        }
    }
}
