package dev.quorum.orchestrator.recall;

import dev.quorum.envelope.Verdict;
import dev.quorum.memory.recall.EmbeddedSituationMemory;
import dev.quorum.memory.recall.EmbeddingSettings;
import dev.quorum.memory.recall.OutcomeLabel;
import dev.quorum.memory.recall.ResolvedSituation;
import dev.quorum.memory.recall.Situation;
import dev.quorum.memory.recall.SituationMemory;
import dev.quorum.orchestrator.cli.ExitCodes;
import dev.quorum.orchestrator.cli.QuorumCli;
import dev.quorum.testkit.OllamaTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecallCommandTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private Run quorum(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new QuorumCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("recall", "--index-file", dir.resolve("situations.json").toString()));
        all.addAll(List.of(args));
        int exitCode = cli.execute(all.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static ResolvedSituation resolved(String id, String ticker, LocalDate tradeDate, LocalDate knownAt) {
        Situation situation = new Situation(ticker, tradeDate, Map.of("regime", "bull", "rsi_14", 70.0), List.of());
        return new ResolvedSituation(id, situation, Verdict.BUY, knownAt, 0.03, OutcomeLabel.of(Verdict.BUY, 0.03, 0.005));
    }

    @Test
    void should_say_so_when_no_situation_has_resolved_yet() {
        Run run = quorum("--ticker", "NVDA", "--date", "2023-06-01");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("No similar past situations for NVDA with an outcome known by 2023-06-01"), run.out());
        assertTrue(run.out().contains("filled as decisions resolve"), run.out());
    }

    @Test
    void should_print_the_block_agents_receive_with_only_outcomes_known_by_the_date() {
        try (SituationMemory memory = EmbeddedSituationMemory.open(dir.resolve("situations.json"),
                EmbeddingSettings.inProcess().createModel())) {
            memory.index(resolved("a", "NVDA", LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 8)));
            memory.index(resolved("b", "AAPL", LocalDate.of(2023, 4, 3), LocalDate.of(2023, 4, 11)));
            memory.index(resolved("late", "NVDA", LocalDate.of(2023, 5, 30), LocalDate.of(2023, 6, 6)));
        }

        Run sameTicker = quorum("--ticker", "NVDA", "--date", "2023-06-01", "--k", "5", "--same-ticker");
        Run anyTicker = quorum("--ticker", "NVDA", "--date", "2023-06-01", "--any-ticker");

        assertEquals(0, sameTicker.exitCode(), sameTicker.err());
        assertTrue(sameTicker.out().startsWith("Similar past situations (outcomes known by 2023-06-01"), sameTicker.out());
        assertTrue(sameTicker.out().contains("NVDA 2023-03-01 | regime bull"), sameTicker.out());
        assertFalse(sameTicker.out().contains("2023-05-30"), "an outcome known after the date leaked: " + sameTicker.out());
        assertFalse(sameTicker.out().contains("AAPL"), sameTicker.out());
        assertTrue(anyTicker.out().contains("AAPL 2023-04-03"), anyTicker.out());
    }

    @Test
    void should_take_the_store_by_its_configuration_name_and_list_the_names_in_the_help() {
        String closed = OllamaTestServer.closedPortUrl();
        Run help = quorum("--help");
        Run chroma = quorum("--ticker", "NVDA", "--date", "2023-06-01", "--store", "chroma", "--chroma-url", closed);
        Run unknown = quorum("--ticker", "NVDA", "--date", "2023-06-01", "--store", "mongo");

        assertTrue(help.out().contains("embedded, chroma (default: memory.recall_store)"), help.out());
        assertEquals(ExitCodes.UNUSABLE, chroma.exitCode(), chroma.err());
        assertTrue(chroma.err().startsWith("quorum recall: Chroma " + closed + " collection"), chroma.err());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("Invalid value for option '--store': expected one of embedded, chroma, was 'mongo'"), unknown.err());
    }

    @Test
    void should_refuse_a_missing_ticker_with_a_usage_error() {
        Run run = quorum("--date", "2023-06-01");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--ticker"), run.err());
    }
}
