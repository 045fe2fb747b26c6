package dev.quorum.orchestrator.cli;

import dev.quorum.memory.store.UnusableDatabaseException;
import dev.quorum.orchestrator.http.TestApi;
import dev.quorum.orchestrator.runtime.DataDirLock;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recall store file or a data directory that cannot be used is refused alike by every command that opens it: one
 * line {@code quorum <command>: <file>: <problem>}, exit 3 ({@link ExitCodes#UNUSABLE}), and the file left byte for byte
 * as it was: a corrupt index is never replaced by an empty one. {@code serve} refuses to start, as it does on a database
 * it cannot use: a service that recalled nothing would decide without its memory and then overwrite the file.
 */
class UnusableStoreRefusalsTest {

    @TempDir
    Path dir;

    /** The embedded recall store (the default) under {@code dataDir}; Redis and Ollama nowhere, the rules panel. */
    private Path config(Path dataDir) throws IOException {
        return Files.writeString(dir.resolve("quorum.yaml"), "data_dir: \"" + dataDir + "\"\n"
                + "market: {data_dir: \"" + ProjectPaths.root().resolve("samples/market") + "\"}\n"
                + "prompts_dir: \"" + ProjectPaths.root().resolve("prompts") + "\"\n"
                + "memory: {recall_k: 3}\n"
                + "redis: {url: \"redis://127.0.0.1:1/0\"}\n");
    }

    @Test
    void should_refuse_a_corrupt_recall_index_in_one_line_with_exit_3_in_every_command_and_leave_it_as_it_is() throws IOException {
        Path data = dir.resolve("data");
        Path index = Files.createDirectories(data.resolve("recall")).resolve("situations.json");
        Files.writeString(index, "x");
        Path db = data.resolve("quorum.db");
        TestApi.saveDecision(db, List.of());
        String config = config(data).toString();

        List<List<String>> commands = List.of(
                List.of("run", "--config", config, "--date", "2024-06-03", "--tickers", "AAPL"),
                List.of("serve", "--config", config),
                List.of("recall", "--config", config, "--ticker", "AAPL", "--date", "2024-06-03"),
                List.of("weights", "--config", config, "--db", db.toString()),
                List.of("errors", "--config", config, "--db", db.toString()));
        for (List<String> args : commands) {
            CliRun refused = CliRun.of(args.toArray(String[]::new));

            assertEquals(ExitCodes.UNUSABLE, refused.code(), args + ": " + refused.err());
            String line = refused.errorLine();
            assertTrue(line.startsWith("quorum " + args.get(0) + ": " + index + ": not a readable similar-situation index "
                    + "(a langchain4j in-memory embedding store file): "), line);
            assertEquals("x", Files.readString(index), args.get(0) + " left the index as it was");
        }
    }

    @Test
    void should_refuse_a_data_dir_that_is_a_file_in_one_line_with_exit_3() throws IOException {
        Path data = Files.writeString(dir.resolve("var"), "a file\n");
        String config = config(data).toString();

        CliRun run = CliRun.of("run", "--config", config, "--date", "2024-06-03", "--tickers", "AAPL");
        CliRun recall = CliRun.of("recall", "--config", config, "--ticker", "AAPL", "--date", "2024-06-03");

        assertEquals(ExitCodes.UNUSABLE, run.code(), run.err());
        assertEquals("quorum run: " + data.resolve("quorum.db") + ": " + data + " is not a directory", run.errorLine());
        assertEquals(ExitCodes.UNUSABLE, recall.code(), recall.err());
        assertTrue(recall.errorLine().startsWith("quorum recall: " + data.resolve("recall")), recall.err());
        assertTrue(recall.errorLine().endsWith(": " + data + " is not a directory"), recall.err());
        assertEquals("a file\n", Files.readString(data));
    }

    @Test
    void should_refuse_a_backtest_database_under_a_file_in_one_line_with_exit_3() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("notes.txt"), "a file\n");
        Path db = notADirectory.resolve("x.db");

        CliRun backtest = CliRun.of("backtest", "--data", ProjectPaths.root().resolve("samples/market").toString(),
                "--tickers", "AAPL", "--from", "2024-06-03", "--to", "2024-06-14", "--db", db.toString());

        assertEquals(ExitCodes.UNUSABLE, backtest.code(), backtest.err());
        assertEquals("quorum backtest: " + db + ": " + notADirectory + " is not a directory", backtest.errorLine());
        assertEquals("a file\n", Files.readString(notADirectory));
    }

    @Test
    void should_refuse_a_lock_file_that_cannot_be_made_as_an_unusable_database_in_one_line() throws IOException {
        Path data = Files.writeString(dir.resolve("var"), "a file\n");
        Path db = data.resolve("quorum.db");

        UnusableDatabaseException e = assertThrows(UnusableDatabaseException.class, () -> DataDirLock.acquire(db, "run"));

        assertEquals(db + ": cannot make its lock file " + data.resolve("quorum.db.lock") + ": " + data + " is not a directory",
                e.getMessage());
    }
}
