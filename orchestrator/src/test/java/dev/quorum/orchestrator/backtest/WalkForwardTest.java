package dev.quorum.orchestrator.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.memory.store.QuorumDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WalkForwardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Late in the 2023-2024 sample, so the 200-session features exist and every agent votes.
    private static final LocalDate FROM = LocalDate.of(2023, 11, 1);
    private static final LocalDate D = LocalDate.of(2023, 11, 30);
    private static final LocalDate TO = LocalDate.of(2023, 12, 29);

    @Test
    void should_decide_D_byte_identically_when_every_value_dated_after_D_is_corrupted(@TempDir Path tmp) throws IOException {
        Path clean = SampleBacktests.copySample(tmp.resolve("clean"));
        Path corrupted = SampleBacktests.copySample(tmp.resolve("corrupted"));
        int changed = corruptAfter(corrupted, D);
        assertTrue(changed > 1000, "the corruption must touch the future rows, changed " + changed);

        SampleBacktests.run(SampleBacktests.settings(clean, tmp.resolve("clean.db"), FROM, D, OptionalInt.empty()));
        SampleBacktests.run(SampleBacktests.settings(corrupted, tmp.resolve("corrupted.db"), FROM, D, OptionalInt.empty()));
        for (String ticker : SampleBacktests.TICKERS) {
            String a = deterministicPart(envelope(tmp.resolve("clean.db"), ticker, D));
            String b = deterministicPart(envelope(tmp.resolve("corrupted.db"), ticker, D));
            assertEquals(a, b, ticker + " " + D + " must not see anything dated after " + D);
            // What was learned by D is in the compared envelope: the weights and the calibrated probabilities.
            JsonNode meta = JSON.readTree(a).get("meta");
            assertTrue(meta.get("calibrated_probability").size() > 0, meta.toString());
            boolean learned = false;
            for (JsonNode p : meta.get("calibrated_probability")) {
                learned |= p.asDouble() != 0.5;
            }
            assertTrue(learned, "outcomes known by D have moved a calibration map: " + meta);
            // ... and the confidences the votes counted with under the default calibrated pooling.
            assertEquals("calibrated", meta.get("pooling").asText());
            boolean pooled = false;
            double signed = 0.0;
            double weights = 0.0;
            JsonNode decision = JSON.readTree(a).get("decision");
            for (JsonNode signal : decision.get("agent_signals")) {
                String agent = signal.get("agent").asText();
                double counted = meta.get("pooled_confidence").get(agent).asDouble();
                double weight = meta.get("trust_weights").get(agent).asDouble();
                pooled |= counted != signal.get("confidence").asDouble();
                int sign = switch (signal.get("signal").asText()) {
                    case "BULLISH" -> 1;
                    case "BEARISH" -> -1;
                    default -> 0;
                };
                signed += sign * weight * counted;
                weights += weight;
            }
            assertTrue(pooled, "outcomes known by D have moved a pooled confidence: " + meta);
            assertEquals(signed / weights, decision.at("/synthesis/ensemble_score").asDouble(), 1e-9,
                    "the score is recomputable from the envelope: " + decision);
        }
        // The corruption is real: a decision after D differs (runs of their own: a finished run is not carried on).
        SampleBacktests.run(SampleBacktests.settings(clean, tmp.resolve("clean-to.db"), FROM, TO, OptionalInt.empty()));
        SampleBacktests.run(SampleBacktests.settings(corrupted, tmp.resolve("corrupted-to.db"), FROM, TO, OptionalInt.empty()));
        assertNotEquals(deterministicPart(envelope(tmp.resolve("clean-to.db"), "AAPL", TO)),
                deterministicPart(envelope(tmp.resolve("corrupted-to.db"), "AAPL", TO)));
    }

    @Test
    void should_end_a_stopped_and_resumed_backtest_with_the_results_of_an_uninterrupted_one(@TempDir Path tmp) {
        Path data = SampleBacktests.copySample(tmp.resolve("data"));
        Backtest.Outcome whole = SampleBacktests.run(SampleBacktests.settings(data, tmp.resolve("whole.db"), FROM, TO, OptionalInt.empty()));
        assertFalse(whole.walk().stopped());

        Backtest.Outcome first = SampleBacktests.run(SampleBacktests.settings(data, tmp.resolve("resumed.db"), FROM, TO, OptionalInt.of(7)));
        assertTrue(first.walk().stopped(), "the first part stops after 7 sessions");
        assertEquals(7, first.walk().sessionsDecided());
        Backtest.Outcome second = SampleBacktests.run(SampleBacktests.settings(data, tmp.resolve("resumed.db"), FROM, TO, OptionalInt.of(5)));
        assertTrue(second.walk().stopped());
        Backtest.Outcome rest = SampleBacktests.run(SampleBacktests.settings(data, tmp.resolve("resumed.db"), FROM, TO, OptionalInt.empty()));
        assertFalse(rest.walk().stopped());
        assertEquals(whole.walk().sessions() - 12, rest.walk().sessionsDecided(), "the resumed run only decides what is left");

        assertEquals(decisionRows(tmp.resolve("whole.db")), decisionRows(tmp.resolve("resumed.db")));
        assertEquals(weightRows(tmp.resolve("whole.db")), weightRows(tmp.resolve("resumed.db")));
        assertEquals(JsonReportsOf(whole), JsonReportsOf(rest));
    }

    @Test
    void should_decide_a_rules_backtest_identically_with_recall_off(@TempDir Path tmp) {
        Path data = SampleBacktests.copySample(tmp.resolve("data"));
        LocalDate to = FROM.plusDays(20);
        SampleBacktests.run(SampleBacktests.settings(data, tmp.resolve("on.db"), FROM, to, OptionalInt.empty()), true);
        SampleBacktests.run(SampleBacktests.settings(data, tmp.resolve("off.db"), FROM, to, OptionalInt.empty()), false);
        List<String> on = decisionRows(tmp.resolve("on.db"));
        assertTrue(on.size() >= 20, "decisions made: " + on.size());
        assertEquals(on, decisionRows(tmp.resolve("off.db")), "the rules agents do not read the recall block");
    }

    /**
     * Committing sessions in batches changes when the state reaches the file, never what is decided: over two years of
     * the real history (../shared/data; the shipped year of samples/market in a clone without it), the walk committing
     * every operation on its own (the service's way) and the batched walks (the default, and an odd batch size with
     * a stop and a resume inside a batch) store the same verdicts, confidences, votes with their trust weights,
     * outcomes, weight changes, calibration maps and meta-learner steps, and the same envelopes but for ids and times.
     */
    @Test
    void should_decide_identically_whether_sessions_are_committed_one_operation_at_a_time_or_in_batches(@TempDir Path tmp) throws IOException {
        Optional<Path> shared = dev.quorum.testkit.ProjectPaths.shared().map(s -> s.resolve("data"));
        Path data = shared.orElseGet(() -> SampleBacktests.copySample(tmp.resolve("data")));
        List<String> tickers = shared.isPresent() ? List.of("AAPL", "JPM", "XOM") : List.of("AAPL", "MSFT", "NVDA", "JPM", "XOM");
        LocalDate from = shared.isPresent() ? LocalDate.of(2019, 1, 2) : LocalDate.of(2023, 12, 1);
        LocalDate to = shared.isPresent() ? LocalDate.of(2020, 12, 31) : LocalDate.of(2024, 11, 20);
        BacktestSettings unbatched = new BacktestSettings(data, tickers, from, to, tmp.resolve("unbatched.db"), OptionalInt.empty(), 0);
        SampleBacktests.run(unbatched, false);
        BacktestSettings batched = new BacktestSettings(data, tickers, from, to, tmp.resolve("batched.db"), OptionalInt.empty());
        SampleBacktests.run(batched, false);
        BacktestSettings odd = new BacktestSettings(data, tickers, from, to, tmp.resolve("odd.db"), OptionalInt.of(40), 7);
        assertTrue(SampleBacktests.run(odd, false).walk().stopped(), "the odd-batch run stops inside its sixth batch");
        assertEquals(40 * tickers.size(), decisionRows(odd.database()).size(), "a stop commits the sessions decided");
        // Killed inside a batch (the stop check throws, as a crash would end it): what the batch had not committed
        // is gone, whole sessions with their outcomes and learning, and the resumed run decides them again.
        int[] checks = {0};
        var config = BacktestConfig.of(odd, Optional.empty(), BacktestConfig.Backend.RULES,
                dev.quorum.memory.trust.TrustPolicies.DEFAULT, false, java.util.Map.of());
        IllegalStateException killed = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> Backtest.run(config,
                odd.withMaxSessions(OptionalInt.empty()), BacktestConfig.Backend.RULES, 0.0, 0.0, Backtest.Publish.NONE,
                odd.stateDirectory().resolve("llm-cache.db"), Progress.SILENT, () -> {
                    // One check per session (the 40 decided ones are skipped), then one per ticker: the second ticker of the 31st new one.
                    if (++checks[0] == 40 + 30 * (tickers.size() + 1) + 1 + 2) {
                        throw new IllegalStateException("killed");
                    }
                    return false;
                }));
        assertEquals("killed", killed.getMessage());
        assertEquals((40 + 28) * tickers.size(), decisionRows(odd.database()).size(),
                "the kill in session 31 of the second part loses the two sessions after the commit at its 28th");
        SampleBacktests.run(odd.withMaxSessions(OptionalInt.empty()), false);

        List<String> expected = decisionRows(unbatched.database());
        assertTrue(expected.size() >= tickers.size() * 240, "decisions made: " + expected.size());
        assertTrue(expected.stream().filter(r -> !r.endsWith("null|")).count() > expected.size() * 9 / 10, "most decisions are resolved");
        for (BacktestSettings run : List.of(batched, odd)) {
            String name = run.database().getFileName().toString();
            assertEquals(expected, decisionRows(run.database()), name + ": verdicts, confidences, votes, weights, outcomes");
            assertEquals(weightRows(unbatched.database()), weightRows(run.database()), name + ": trust weight events");
            assertEquals(learnedRows(unbatched.database()), learnedRows(run.database()), name + ": calibration maps and meta-learner steps");
            assertEquals(envelopes(unbatched.database()), envelopes(run.database()), name + ": envelopes minus ids and times");
        }
    }

    /** Every envelope, oldest first, without its id and times. */
    static List<String> envelopes(Path db) throws IOException {
        List<String> stored = QuorumDatabase.open(db).read("read", c -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT envelope_json FROM decisions ORDER BY trade_date, ticker")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        });
        List<String> deterministic = new ArrayList<>();
        for (String envelope : stored) {
            deterministic.add(deterministicPart(envelope));
        }
        return deterministic;
    }

    /**
     * What the learning holds beside the weight events: each agent's skill and performance row, the weight snapshots,
     * every meta-learner step and checkpoint.
     */
    static List<String> learnedRows(Path db) {
        return QuorumDatabase.open(db).read("read", c -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT agent, right_calls, wrong_calls, bin_right_json, bin_wrong_json, directional_calls FROM agent_skill ORDER BY agent")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                                + rs.getString(5) + " " + rs.getString(6));
                    }
                }
                // The trust ledger's rows are kept in memory during a batch and written through: the same rows.
                for (String table : List.of("agent_performance", "trust_weight_snapshots", "metalearner_training_log", "metalearner_checkpoints")) {
                    try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + switch (table) {
                        case "agent_performance" -> "agent";
                        case "trust_weight_snapshots" -> "id";
                        default -> "step";
                    })) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder(table);
                            for (int i = 1; i <= columns; i++) {
                                String column = rs.getMetaData().getColumnName(i);
                                if (!column.endsWith("_at") && !column.equals("decision_id") && !column.equals("id")) {
                                    Object value = rs.getObject(i);
                                    row.append(' ').append(column).append('=')
                                            .append(value instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : String.valueOf(value));
                                }
                            }
                            rows.add(row.toString());
                        }
                    }
                }
            }
            return rows;
        });
    }

    private static String JsonReportsOf(Backtest.Outcome outcome) {
        return dev.quorum.orchestrator.backtest.report.JsonReport.render(
                new dev.quorum.orchestrator.backtest.report.RunInfo(outcome.info().tickers(), outcome.info().from(),
                        outcome.info().to(), outcome.info().backend(), outcome.info().policy(), outcome.info().decisions(),
                        outcome.info().resolved(), null, outcome.info().llmCache()), outcome.metrics(), outcome.weights());
    }

    /** The envelope without what differs between any two runs: when it was published, its id and the timings. */
    private static String deterministicPart(String envelopeJson) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(envelopeJson);
        node.remove("published_at");
        node.remove("correlation_id");
        ObjectNode decision = (ObjectNode) node.get("decision");
        decision.remove("phase_timings");
        decision.remove("arena_total_seconds");
        return JSON.writeValueAsString(node);
    }

    private static String envelope(Path db, String ticker, LocalDate date) {
        return QuorumDatabase.open(db).read("read", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT envelope_json FROM decisions WHERE ticker = '"
                    + ticker + "' AND trade_date = '" + date + "' AND superseded_by IS NULL")) {
                assertTrue(rs.next(), "no decision for " + ticker + " " + date);
                return rs.getString(1);
            }
        });
    }

    /** Every decision's deterministic fields, its votes with the weights they carried, and its outcome. */
    static List<String> decisionRows(Path db) {
        return QuorumDatabase.open(db).read("read", c -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT d.ticker, d.trade_date, d.verdict, d.confidence, d.ensemble_score, d.meta_learner_prediction,
                           (SELECT group_concat(a.agent || ':' || a.signal || ':' || a.confidence || ':' || a.trust_weight, ',')
                              FROM agent_signals a WHERE a.decision_id = d.id), o.realized_return
                    FROM decisions d LEFT JOIN outcomes o ON o.decision_id = d.id ORDER BY d.trade_date, d.ticker""")) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= 8; i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        });
    }

    static List<String> weightRows(Path db) {
        return QuorumDatabase.open(db).read("read", c -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT agent, old_weight, new_weight, policy FROM trust_weight_events ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
            return rows;
        });
    }

    /**
     * Changes every price, VIX value and sentiment score dated after {@code d} (multiplies by 1.7 or shifts the
     * score): still well-formed, wildly different. Returns the number of rows changed.
     */
    static int corruptAfter(Path data, LocalDate d) throws IOException {
        int changed = 0;
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(data)) {
            walk.filter(p -> p.toString().endsWith(".csv")).forEach(files::add);
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            String[] header = lines.get(0).split(",");
            int dateColumn = -1;
            for (int i = 0; i < header.length; i++) {
                String h = header[i].trim().toLowerCase(Locale.ROOT);
                if (dateColumn < 0 && (h.equals("date") || h.equals("observation_date") || h.contains("date"))) {
                    dateColumn = i;
                }
            }
            if (dateColumn < 0) {
                continue;
            }
            List<String> out = new ArrayList<>();
            out.add(lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                String date = cells[dateColumn].length() >= 10 ? cells[dateColumn].substring(0, 10) : cells[dateColumn];
                if (date.matches("\\d{4}-\\d{2}-\\d{2}") && LocalDate.parse(date).isAfter(d)) {
                    for (int i = 0; i < cells.length; i++) {
                        if (i != dateColumn && cells[i].matches("-?\\d+(\\.\\d+)?")) {
                            cells[i] = corrupt(header[i].trim(), cells[i]);
                        }
                    }
                    changed++;
                }
                out.add(String.join(",", cells));
            }
            Files.write(file, out);
        }
        return changed;
    }

    private static String corrupt(String column, String value) {
        String name = column.toLowerCase(Locale.ROOT);
        if (name.equals("volume") || name.equals("dividend") || name.contains("flag")) {
            return value;
        }
        double v = Double.parseDouble(value);
        if (name.contains("sentiment")) {
            // Mirrored inside its own range: a 1..5 score stays in 1..5, a scaled 0..1 one in 0..1.
            return String.format(Locale.ROOT, "%.6f", v >= 1.0 ? 6.0 - v : 1.0 - v);
        }
        return String.format(Locale.ROOT, "%.6f", v * 1.7);
    }
}
