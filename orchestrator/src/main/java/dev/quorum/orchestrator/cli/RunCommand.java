package dev.quorum.orchestrator.cli;

import dev.quorum.agents.market.MarketDataException;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code quorum run [--config FILE] [--date D] [--tickers ...]}: one cycle; the exit code says whether every ticker was decided. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "One decision cycle over the watchlist, or --tickers.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK + ":every ticker was decided", ExitCodes.NOT_DONE + ":some ticker was not decided, or only provisionally (models failed)", ExitCodes.USAGE, ExitCodes.STORE_UNUSABLE})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--date", description = "Trade date yyyy-MM-dd (a session); default: the latest session in the market data.")
    LocalDate date;

    @Option(names = "--tickers", split = ",", converter = TickerOption.class, description = "Tickers to decide instead of the watchlist, comma-separated (any case).")
    List<String> tickers;

    @Override
    public Integer call() {
        QuorumConfig loaded = config.required();
        if (tickers != null && !tickers.isEmpty()) {
            // The runtime's start-up line then names the tickers this run decides, not the watchlist.
            loaded = loaded.withWatchlist(tickers.stream().distinct().toList());
        }
        if (date != null) {
            // Before the runtime opens: a weekend or holiday is the operator's slip, not a failure of every ticker.
            TradeSessions.requireSession(spec.commandLine(), TradeSessions.of(loaded), date, loaded);
        }
        try (QuorumRuntime runtime = QuorumRuntime.open(loaded, PublishTarget.REDIS)) {
            List<String> chosen = loaded.watchlist();
            // The configured watchlist is checked before anything is decided; tickers named with --tickers are the
            // operator's explicit ask, each reported FAILED on its own line when it cannot be decided.
            if (tickers == null || tickers.isEmpty()) {
                runtime.tickersWithoutData(chosen).ifPresent(missing -> {
                    throw new MarketDataException(missing);
                });
            }
            return CycleCommand.runOnce(runtime, chosen, date == null ? runtime.latestSession() : date, spec.commandLine().getOut());
        }
    }
}
