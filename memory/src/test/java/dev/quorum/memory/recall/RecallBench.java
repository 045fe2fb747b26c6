package dev.quorum.memory.recall;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.quorum.agents.AgentInput;
import dev.quorum.agents.features.AgentInputs;
import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.PriceBar;
import dev.quorum.envelope.Verdict;
import dev.quorum.testkit.ChromaServer;
import dev.quorum.testkit.ProjectPaths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: measures embedding time per situation and recall latency (embedded store and a real Chroma) on
 * situations built from the shipped market-data sample. Run from the project root:
 * {@code java -cp <memory test classpath> dev.quorum.memory.recall.RecallBench}.
 */
public final class RecallBench {

    private static final List<String> TICKERS = List.of("NVDA", "AAPL", "MSFT", "JPM", "XOM");
    private static final int HORIZON = 5;

    public static void main(String[] args) throws Exception {
        CsvMarketData market = CsvMarketData.open(ProjectPaths.root().resolve("samples/market"));
        AgentInputs inputs = new AgentInputs(market);
        List<ResolvedSituation> situations = new ArrayList<>();
        for (String ticker : TICKERS) {
            List<PriceBar> bars = market.dailyBars(ticker);
            for (int i = 40; i + HORIZON + 1 < bars.size(); i += 3) {
                AgentInput input = inputs.forDecision(ticker, bars.get(i).date());
                double entry = bars.get(i + 1).open();
                PriceBar exit = bars.get(i + 1 + HORIZON);
                double realised = exit.close() / entry - 1;
                Object r20 = input.features().get("return_20d");
                double momentum = r20 instanceof Number n ? n.doubleValue() : 0.0;
                Verdict verdict = momentum > 0.02 ? Verdict.BUY : momentum < -0.02 ? Verdict.SELL : Verdict.HOLD;
                situations.add(new ResolvedSituation(ticker + "-" + input.tradeDate(), Situation.beforeVotes(input),
                        verdict, exit.date(), realised, OutcomeLabel.of(verdict, realised, 0.005)));
            }
        }
        System.out.printf(Locale.ROOT, "situations: %d from %s%n", situations.size(), TICKERS);

        long load = System.nanoTime();
        EmbeddingModel model = EmbeddingSettings.inProcess().createModel();
        System.out.printf(Locale.ROOT, "model load: %.0f ms%n", (System.nanoTime() - load) / 1e6);
        for (int i = 0; i < 20; i++) {
            model.embed(SituationText.describe(situations.get(i)));
        }
        double[] embed = new double[situations.size()];
        for (int i = 0; i < situations.size(); i++) {
            long t = System.nanoTime();
            model.embed(SituationText.describe(situations.get(i)));
            embed[i] = (System.nanoTime() - t) / 1e6;
        }
        report("embed one situation", embed);
        System.out.println("example document: " + SituationText.describe(situations.get(situations.size() / 2)));

        Path dir = Files.createTempDirectory("recall-bench");
        RecallConfig.Builder config = RecallConfig.builder().retryEvery(Duration.ZERO).deadline(Duration.ofSeconds(10))
                .pendingFile(dir.resolve("pending.jsonl"));
        try (ResilientSituationMemory embedded = SituationMemories.open(
                config.indexFile(dir.resolve("situations.json")).build(), model)) {
            measure("embedded", embedded, situations);
        }
        try (ChromaServer chroma = new ChromaServer()) {
            chroma.start();
            try (ResilientSituationMemory viaChroma = SituationMemories.open(config.store(RecallConfig.StoreKind.CHROMA)
                    .chromaUrl(chroma.baseUrl()).collection("bench_situations").build(), model)) {
                measure("chroma", viaChroma, situations);
            }
        }
    }

    private static void measure(String name, ResilientSituationMemory memory, List<ResolvedSituation> situations) {
        double[] index = new double[situations.size()];
        for (int i = 0; i < situations.size(); i++) {
            long t = System.nanoTime();
            memory.index(situations.get(i));
            index[i] = (System.nanoTime() - t) / 1e6;
        }
        report(name + " index (embed + store)", index);
        int queries = 200;
        for (RecallScope scope : RecallScope.values()) {
            double[] recall = new double[queries];
            int returned = 0;
            for (int q = 0; q < queries; q++) {
                Situation now = situations.get((q * 7919) % situations.size()).situation();
                long t = System.nanoTime();
                returned += memory.recall(now, 5, scope).size();
                recall[q] = (System.nanoTime() - t) / 1e6;
            }
            report(name + " recall k=5 " + scope + " (embed query + search, " + situations.size() + " indexed, avg "
                    + returned / queries + " returned)", recall);
        }
        System.out.println(name + " status: " + memory.status());
    }

    private static void report(String what, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: n=%d mean %.1f ms, p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", what,
                sorted.length, Arrays.stream(sorted).average().orElse(0), sorted[sorted.length / 2],
                sorted[(int) (sorted.length * 0.95)], sorted[sorted.length - 1]);
    }
}
