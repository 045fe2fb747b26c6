package dev.quorum.orchestrator.backtest;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.envelope.Direction;
import dev.quorum.envelope.Verdict;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.memory.trust.AgentSkill;
import dev.quorum.orchestrator.consensus.Pooling;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A walk-forward over the shipped sample through the production runtime, and what the acceptance of the learning
 * needs read back from its SQLite file: every resolved decision with its votes, and the weights after each outcome.
 * The figures are computed here, by hand-checkable arithmetic, not by the backtest's metrics classes.
 */
final class PlantedSkillRun {

    /** Five tickers of the sample. */
    static final List<String> TICKERS = List.of("AAPL", "MSFT", "NVDA", "JPM", "XOM");

    record Vote(String agent, Direction signal, double confidence) {
    }

    record Decision(String ticker, LocalDate tradeDate, Verdict verdict, double confidence, double realizedReturn, List<Vote> votes) {
    }

    /** Weights of every agent after the n-th recorded outcome (1-based). */
    record WeightsAfter(long outcomes, Map<String, Double> weights) {
    }

    /** @param skills what each agent had proven at the end of the walk */
    record Result(List<Decision> decisions, List<WeightsAfter> weights, long decided, Map<String, AgentSkill> skills) {
    }

    /** A directional hit rate. */
    record Accuracy(long right, long calls, long decisions) {
        double rate() {
            return calls == 0 ? Double.NaN : (double) right / calls;
        }

        double coverage() {
            return (double) calls / decisions;
        }

        /** The binomial standard error of the rate. */
        double standardError() {
            return Math.sqrt(rate() * (1 - rate()) / calls);
        }
    }

    private PlantedSkillRun() {
    }

    /** How one planted agent calls: its mean accuracy, how it rises with its stated confidence, the confidences. */
    record Planted(double accuracy, double slope, double... confidences) {
        static Planted at(double accuracy, double confidence) {
            return new Planted(accuracy, 0.0, confidence);
        }
    }

    /** The planted agents answer, by roster name (technical, risk, sentiment, macro). */
    static Result planted(Path dir, String policy, LocalDate from, LocalDate to, Map<String, Planted> agents, long seed) {
        return run(dir, policy, Optional.empty(), from, to, Optional.of(agents), seed);
    }

    /** The planted agents answer, pooled as told. */
    static Result planted(Path dir, String policy, Pooling pooling, LocalDate from, LocalDate to, Map<String, Planted> agents,
                          long seed) {
        return run(dir, policy, Optional.of(pooling), from, to, Optional.of(agents), seed);
    }

    /** The configured rules agents answer. */
    static Result rules(Path dir, String policy, LocalDate from, LocalDate to) {
        return run(dir, policy, Optional.empty(), from, to, Optional.empty(), 0);
    }

    /** The configured rules agents answer, pooled as told. */
    static Result rules(Path dir, String policy, Pooling pooling, LocalDate from, LocalDate to) {
        return run(dir, policy, Optional.of(pooling), from, to, Optional.empty(), 0);
    }

    /**
     * The SQLite file lives in memory (/dev/shm) when the machine has one: a walk of 1,250 decisions with FULL sync
     * on a busy disk takes minutes, and durability is not what is tested here.
     */
    /** @param pooling the configured default when empty */
    private static Result run(Path dir, String policy, Optional<Pooling> pooling, LocalDate from, LocalDate to,
                              Optional<Map<String, Planted>> agents, long seed) {
        Path data = SampleBacktests.copySample(dir.resolve("data"));
        Path shm = Path.of("/dev/shm");
        Path state = null;
        try {
            state = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "quorum-planted-")
                    : Files.createDirectories(dir.resolve("state"));
            BacktestSettings settings = new BacktestSettings(data, TICKERS, from, to, state.resolve("walk.db"), OptionalInt.empty());
            QuorumConfig config = BacktestConfig.of(settings, Optional.empty(), BacktestConfig.Backend.RULES, policy, false,
                    pooling.map(p -> Map.of("QUORUM_CONSENSUS_POOLING", p.configName())).orElse(Map.of()));
            CsvMarketData future = CsvMarketData.open(data);
            try (QuorumRuntime runtime = agents.isEmpty() ? QuorumRuntime.open(config, PublishTarget.FILE)
                    : QuorumRuntime.open(config, PublishTarget.FILE, agent -> {
                        Planted p = agents.get().get(agent.name());
                        return new PlantedSkillAgent(agent.name(), p.accuracy(), p.slope(), p.confidences(), seed, future,
                                OutcomeRules.defaults());
                    })) {
                WalkForward.Result walk = new WalkForward(runtime).run(settings, Progress.SILENT, () -> false);
                return new Result(decisions(runtime), weights(runtime), walk.decisions(), runtime.trust().skills());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (state != null && state.startsWith(shm)) {
                deleteTree(state);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** BUY right when the realised return is > 0, SELL when < 0; HOLD is not a call. */
    static Accuracy published(List<Decision> decisions) {
        long right = 0;
        long calls = 0;
        for (Decision d : decisions) {
            if (d.verdict() != Verdict.HOLD) {
                calls++;
                right += (d.verdict() == Verdict.BUY ? d.realizedReturn() > 0 : d.realizedReturn() < 0) ? 1 : 0;
            }
        }
        return new Accuracy(right, calls, decisions.size());
    }

    /** One agent one vote on the same signals: more BULLISH than BEARISH votes is a BUY; a tie is no call. */
    static Accuracy equalWeightMajority(List<Decision> decisions) {
        long right = 0;
        long calls = 0;
        for (Decision d : decisions) {
            int net = d.votes().stream().mapToInt(v -> v.signal().sign()).sum();
            if (net != 0) {
                calls++;
                right += (net > 0 ? d.realizedReturn() > 0 : d.realizedReturn() < 0) ? 1 : 0;
            }
        }
        return new Accuracy(right, calls, decisions.size());
    }

    /** The directional accuracy of the acting decisions in each confidence bucket [edge_i, edge_i+1). */
    static List<Accuracy> reliability(List<Decision> decisions, double... edges) {
        List<Accuracy> buckets = new ArrayList<>();
        for (int i = 0; i + 1 < edges.length; i++) {
            double low = edges[i];
            double high = edges[i + 1];
            buckets.add(published(decisions.stream().filter(d -> d.confidence() >= low && d.confidence() < high).toList()));
        }
        return buckets;
    }

    private static List<Decision> decisions(QuorumRuntime runtime) {
        return runtime.database().read("read the walk's decisions", connection -> {
            Map<Long, List<Vote>> votes = new TreeMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT decision_id, agent, signal, confidence FROM agent_signals WHERE abstained = 0 ORDER BY id");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    votes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(
                            new Vote(rs.getString(2), Direction.valueOf(rs.getString(3)), rs.getDouble(4)));
                }
            }
            List<Decision> decisions = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT d.id, d.ticker, d.trade_date, d.verdict, d.confidence, o.realized_return
                    FROM decisions d JOIN outcomes o ON o.decision_id = d.id
                    WHERE d.superseded_by IS NULL ORDER BY d.trade_date, d.ticker""");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    decisions.add(new Decision(rs.getString(2), LocalDate.parse(rs.getString(3)), Verdict.valueOf(rs.getString(4)),
                            rs.getDouble(5), rs.getDouble(6), votes.getOrDefault(rs.getLong(1), List.of())));
                }
            }
            return decisions;
        });
    }

    private static List<WeightsAfter> weights(QuorumRuntime runtime) {
        return runtime.database().read("read the weights after each outcome", connection -> {
            Map<Long, Map<String, Double>> byOutcome = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT outcome_id, agent, new_weight FROM trust_weight_events WHERE outcome_id IS NOT NULL ORDER BY id");
                 ResultSet rs = select.executeQuery()) {
                Map<String, Double> current = new TreeMap<>();
                while (rs.next()) {
                    current.put(rs.getString(2), rs.getDouble(3));
                    byOutcome.put(rs.getLong(1), new TreeMap<>(current));
                }
            }
            List<WeightsAfter> after = new ArrayList<>();
            long n = 0;
            for (Map<String, Double> weights : byOutcome.values()) {
                after.add(new WeightsAfter(++n, weights));
            }
            return after;
        });
    }
}
