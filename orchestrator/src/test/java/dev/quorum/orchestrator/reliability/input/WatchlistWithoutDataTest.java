package dev.quorum.orchestrator.reliability.input;

import dev.quorum.orchestrator.cli.QuorumCli;
import dev.quorum.orchestrator.reliability.ServedQuorum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator adds a ticker to the watchlist and forgets its price file: {@code run} refuses at start-up in one
 * line naming the file it expected, before deciding anything (not a "not decided" at the end of a cycle).
 */
class WatchlistWithoutDataTest {

    @TempDir
    Path dir;

    @Test
    void should_refuse_run_naming_the_missing_price_file_before_deciding() throws Exception {
        Path config = ServedQuorum.writeConfig(dir.resolve("state"), null, "memory: {recall_k: 0}\n");
        Files.writeString(config, Files.readString(config).replace("watchlist: [AAPL, MSFT, NVDA]", "watchlist: [AAPL, ZZZQ]"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = QuorumCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("run", "--config", config.toString());

        assertEquals(2, exit, err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("quorum run: no price data for ZZZQ: expected prices/ZZZQ.csv under "), err.toString());
        assertFalse(out.toString().contains("AAPL"), "nothing was decided: " + out);
    }
}
