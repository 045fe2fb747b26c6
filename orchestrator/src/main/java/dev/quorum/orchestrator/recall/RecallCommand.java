package dev.quorum.orchestrator.recall;

import dev.quorum.agents.features.AgentInputs;
import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.MarketDataException;
import dev.quorum.memory.recall.RecallConfig;
import dev.quorum.memory.recall.RecallScope;
import dev.quorum.memory.recall.RecallStatus;
import dev.quorum.memory.recall.RecalledSituation;
import dev.quorum.memory.recall.ResilientSituationMemory;
import dev.quorum.memory.recall.SimilarSituationsBlock;
import dev.quorum.memory.recall.Situation;
import dev.quorum.memory.recall.SituationMemories;
import dev.quorum.orchestrator.cli.ConfigOption;
import dev.quorum.orchestrator.cli.ExitCodes;
import dev.quorum.orchestrator.cli.LowerCaseEnum;
import dev.quorum.orchestrator.cli.TickerOption;
import dev.quorum.orchestrator.config.QuorumConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code bin/quorum recall --ticker NVDA --date 2023-06-01}: prints the "similar past situations" block the
 * agents would receive for that decision. The query carries the features computed from the configured market
 * data when it covers the ticker and date (as in a real decision), else only ticker and date.
 */
@Command(name = "recall", mixinStandardHelpOptions = true,
        description = "Print the similar past situations (outcomes known by --date) that agents would receive.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE, ExitCodes.USAGE,
                ExitCodes.UNUSABLE + ":the recall store is unavailable, or a file of it cannot be read (left as it is)"})
public final class RecallCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ticker", required = true, converter = TickerOption.class, description = "The ticker being decided, e.g. NVDA.")
    String ticker;

    @Option(names = "--date", required = true, description = "The trade date (yyyy-mm-dd); only outcomes known by then count.")
    LocalDate date;

    @Option(names = "--k", description = "How many situations (default: memory.recall_k of the configuration).")
    Integer k;

    @Option(names = "--any-ticker", description = "Recall situations of any ticker (default: memory.recall_same_ticker).")
    boolean anyTicker;

    @Option(names = "--same-ticker", description = "Recall situations of --ticker only (default: memory.recall_same_ticker).")
    boolean sameTicker;

    @Option(names = "--store", converter = Stores.class, completionCandidates = Stores.class,
            description = "${COMPLETION-CANDIDATES} (default: memory.recall_store).")
    RecallConfig.StoreKind store;

    static final class Stores extends LowerCaseEnum<RecallConfig.StoreKind> {
        Stores() {
            super(RecallConfig.StoreKind.class);
        }
    }

    @Option(names = "--chroma-url", description = "The Chroma server (default: memory.chroma_url).")
    String chromaUrl;

    @Option(names = "--index-file", description = "The embedded store's file (default: <data_dir>/recall/situations.json).")
    Path indexFile;

    @Mixin
    ConfigOption configOption;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        QuorumConfig config = configOption.load();
        RecallConfig recall = overridden(RecallSettings.from(config)).build();
        Optional<CsvMarketData> market = marketData(config, err);
        // An unknown ticker is refused as agents and run refuse it (exit 2, the same line naming the known tickers),
        // even with recall turned off: the operator mistyped it either way.
        market.filter(data -> !data.tickers().contains(ticker)).ifPresent(data -> data.bars(ticker));
        if (k == null && recall.topK() == 0) {
            out.println("Recall is turned off (memory.recall_k is 0): agents receive no similar situations. "
                    + "Pass --k to query the index anyway.");
            out.flush();
            return ExitCodes.OK;
        }
        int topK = k != null ? k : recall.topK();
        if (topK < 1) {
            throw new ParameterException(spec.commandLine(), "--k must be >= 1, was " + topK);
        }
        Situation now = market.map(data -> situation(data, err)).orElseGet(() -> Situation.of(ticker, date));
        try (ResilientSituationMemory memory = SituationMemories.open(recall)) {
            List<RecalledSituation> recalled = memory.recall(now, topK, recall.scope());
            RecallStatus status = memory.status();
            if (status.degradedRecalls() > 0) {
                err.println(spec.qualifiedName() + ": " + status.store() + " is unavailable (" + status.lastProblem()
                        + "); agents would receive no similar situations.");
                return ExitCodes.UNUSABLE;
            }
            if (recalled.isEmpty()) {
                out.println("No similar past situations for " + ticker + " with an outcome known by " + date + " in "
                        + status.store() + (recall.scope() == RecallScope.SAME_TICKER ? " (same ticker only)" : "")
                        + ". The index is filled as decisions resolve: each resolved outcome is indexed.");
            } else {
                out.print(SimilarSituationsBlock.format(recalled, date));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private RecallConfig.Builder overridden(RecallConfig.Builder builder) {
        // A one-shot command: queued indexing is not retried in the background.
        builder.retryEvery(Duration.ZERO);
        if (store != null) {
            builder.store(store);
        }
        if (chromaUrl != null) {
            builder.chromaUrl(chromaUrl);
        }
        if (indexFile != null) {
            builder.indexFile(indexFile);
        }
        if (anyTicker && sameTicker) {
            throw new ParameterException(spec.commandLine(), "--any-ticker and --same-ticker exclude each other");
        }
        if (anyTicker) {
            builder.scope(RecallScope.ANY_TICKER);
        }
        if (sameTicker) {
            builder.scope(RecallScope.SAME_TICKER);
        }
        return builder;
    }

    /** The configured market data; empty (with a warning) when it cannot be read: then recall is by ticker and date. */
    private Optional<CsvMarketData> marketData(QuorumConfig config, PrintWriter err) {
        Path directory = config.marketDataDirectory();
        try {
            return Optional.of(CsvMarketData.open(directory));
        } catch (MarketDataException e) {
            warnNoFeatures(err, directory, e);
            return Optional.empty();
        }
    }

    private Situation situation(CsvMarketData market, PrintWriter err) {
        try {
            return Situation.beforeVotes(new AgentInputs(market).forDecision(ticker, date));
        } catch (MarketDataException e) {
            warnNoFeatures(err, market.directory(), e);
            return Situation.of(ticker, date);
        }
    }

    private void warnNoFeatures(PrintWriter err, Path directory, MarketDataException e) {
        err.println(spec.qualifiedName() + ": no features for " + ticker + " " + date + " from market data " + directory
                + " (" + e.getMessage() + "); recalling by ticker and date only.");
    }
}
