package dev.quorum.orchestrator.backtest.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Seed 002's PerformanceAnalyzer over the verdicts as issued, in its names ({@code total_trades}, {@code win_rate},
 * {@code largest_win}, {@code per_symbol}, the {@code winning_streak} / {@code losing_streak} patterns). A trade is
 * one BUY or SELL decision with a market outcome; its P&amp;L is the outcome return signed by its side (BUY +r,
 * SELL -r): the return of the H-session position, gross of costs, as a fraction (0.05 is 5 %). A trade with P&amp;L
 * above 0 wins, below 0 loses, exactly 0 neither (it ends any streak). Streaks run over the trades in trade-date
 * order, tickers alphabetical within a date (the order the decisions are stored and resolved in).
 *
 * @param largestWin   the best winning trade's P&amp;L, null when none won (the seed's max over all trades would
 *                     report a loss as the "largest win" of a losing run)
 * @param largestLoss  the worst losing trade's P&amp;L, null when none lost
 * @param streaks      the longest runs and seed 002's runs of at least {@value #MIN_STREAK}
 * @param patterns     seed 002's {@code _detect_patterns}: a {@code winning_streak} / {@code losing_streak} entry when
 *                     runs of at least {@value #MIN_STREAK} occurred
 * @param perSymbol    the same counts per ticker
 * @param perRegime    the same counts per market regime at decision time (the {@code regime} feature; {@code unknown}
 *                     where the decision's input had none)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PerformanceAnalysis(int totalTrades, int winningTrades, int losingTrades, Double winRate, double totalPnl,
                                  Double avgWin, Double avgLoss, Double largestWin, Double largestLoss, Streaks streaks,
                                  List<Pattern> patterns, Map<String, Group> perSymbol, Map<String, Group> perRegime) {

    /** Seed 002's {@code _find_streaks(trades, min_length=3)}. */
    public static final int MIN_STREAK = 3;
    /** The regime of a decision whose input had no {@code regime} feature. */
    public static final String UNKNOWN_REGIME = "unknown";

    /** A decision as the analysis reads it. */
    public record Trade(String ticker, java.time.LocalDate tradeDate, String regime, double pnl) {
    }

    /**
     * @param longestWin  the longest run of consecutive winning trades (0 without a win)
     * @param current     the run the last trade belongs to: positive for wins, negative for losses, 0 after a flat trade
     * @param winning     how many winning runs reached {@code minLength}
     * @param winningMeanLength their mean length, null when none
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Streaks(int minLength, int longestWin, int longestLoss, int current, int winning, Double winningMeanLength,
                          int losing, Double losingMeanLength) {
    }

    /** Seed 002's Pattern: {@code type}, {@code frequency} (runs), {@code avg_length}, {@code recommendation}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Pattern(String type, int frequency, double avgLength, String recommendation) {
    }

    /** One row of a per-symbol or per-regime table; {@code total_pnl} sums the trades' returns. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Group(int trades, int wins, int losses, Double winRate, double totalPnl, Double avgPnl, Double largestWin,
                       Double largestLoss) {
    }

    /** The BUY and SELL decisions of {@code decisions} as trades, in their order; HOLDs are not trades. */
    public static List<Trade> trades(List<ResolvedDecision> decisions) {
        List<Trade> trades = new ArrayList<>();
        decisions.stream()
                .sorted(Comparator.comparing(ResolvedDecision::tradeDate).thenComparing(ResolvedDecision::ticker))
                .forEach(d -> {
                    int side = StrategyRules.position(d.verdict());
                    if (side != 0) {
                        trades.add(new Trade(d.ticker(), d.tradeDate(), d.regime() == null ? UNKNOWN_REGIME : d.regime(),
                                side * d.realizedReturn()));
                    }
                });
        return trades;
    }

    public static PerformanceAnalysis of(List<ResolvedDecision> decisions) {
        List<Trade> trades = trades(decisions);
        Group all = group(trades);
        List<Integer> runs = new ArrayList<>();
        int run = 0;
        for (Trade t : trades) {
            int sign = (int) Math.signum(t.pnl());
            if (sign == 0 || Integer.signum(run) != sign) {
                if (run != 0) {
                    runs.add(run);
                }
                run = sign;
            } else {
                run += sign;
            }
        }
        if (run != 0) {
            runs.add(run);
        }
        List<Integer> wins = runs.stream().filter(r -> r >= MIN_STREAK).toList();
        List<Integer> losses = runs.stream().filter(r -> r <= -MIN_STREAK).map(r -> -r).toList();
        int current = trades.isEmpty() || trades.get(trades.size() - 1).pnl() == 0 ? 0 : runs.get(runs.size() - 1);
        Streaks streaks = new Streaks(MIN_STREAK, runs.stream().mapToInt(r -> r).filter(r -> r > 0).max().orElse(0),
                runs.stream().mapToInt(r -> -r).filter(r -> r > 0).max().orElse(0), current,
                wins.size(), mean(wins), losses.size(), mean(losses));
        List<Pattern> patterns = new ArrayList<>();
        if (!wins.isEmpty()) {
            patterns.add(new Pattern("winning_streak", wins.size(), mean(wins), "Consider increasing position size during streaks"));
        }
        if (!losses.isEmpty()) {
            patterns.add(new Pattern("losing_streak", losses.size(), mean(losses), "Consider reducing position size or pausing"));
        }
        return new PerformanceAnalysis(all.trades(), all.wins(), all.losses(), all.winRate(), all.totalPnl(),
                average(trades, t -> t.pnl() > 0), average(trades, t -> t.pnl() < 0), all.largestWin(), all.largestLoss(),
                streaks, patterns, by(trades, Trade::ticker), by(trades, Trade::regime));
    }

    private static Map<String, Group> by(List<Trade> trades, Function<Trade, String> key) {
        Map<String, List<Trade>> groups = new TreeMap<>();
        trades.forEach(t -> groups.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t));
        Map<String, Group> table = new TreeMap<>();
        groups.forEach((name, list) -> table.put(name, group(list)));
        return table;
    }

    private static Group group(List<Trade> trades) {
        int wins = (int) trades.stream().filter(t -> t.pnl() > 0).count();
        int losses = (int) trades.stream().filter(t -> t.pnl() < 0).count();
        double total = trades.stream().mapToDouble(Trade::pnl).sum();
        return new Group(trades.size(), wins, losses, trades.isEmpty() ? null : (double) wins / trades.size(), total,
                trades.isEmpty() ? null : total / trades.size(),
                wins == 0 ? null : trades.stream().mapToDouble(Trade::pnl).max().orElseThrow(),
                losses == 0 ? null : trades.stream().mapToDouble(Trade::pnl).min().orElseThrow());
    }

    private static Double average(List<Trade> trades, java.util.function.Predicate<Trade> which) {
        return trades.stream().filter(which).mapToDouble(Trade::pnl).average().stream().boxed().findFirst().orElse(null);
    }

    private static Double mean(List<Integer> lengths) {
        return lengths.isEmpty() ? null : lengths.stream().mapToInt(i -> i).average().orElseThrow();
    }
}
