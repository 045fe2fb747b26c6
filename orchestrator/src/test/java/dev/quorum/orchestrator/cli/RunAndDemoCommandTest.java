package dev.quorum.orchestrator.cli;

import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.testkit.OllamaTestServer;
import dev.quorum.testkit.ProjectPaths;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code quorum demo} and {@code quorum run} as child processes, against a real redis-server and SQLite files. */
class RunAndDemoCommandTest {

    private static final String STREAM = "maf:arena:trading_intelligence:output";
    private static final RedisServer redis = new RedisServer();

    @TempDir
    Path dir;

    @BeforeAll
    static void up() {
        redis.start();
    }

    @AfterAll
    static void down() {
        redis.close();
    }

    private Path config(String extra) throws IOException {
        Path file = dir.resolve("quorum.yaml");
        Files.writeString(file, "data_dir: " + dir.resolve("state") + "\n"
                + "market:\n  data_dir: " + ProjectPaths.root().resolve("samples/market") + "\n"
                + "memory:\n  recall_k: 0\n"
                + "redis:\n  url: " + redis.url() + "\n" + extra);
        return file;
    }

    @Test
    void should_run_one_cycle_store_publish_and_exit_0() throws Exception {
        try (ServedQuorum quorum = ServedQuorum.start(dir, Map.of(), "run", "--config", config("").toString(),
                "--date", "2024-06-03", "--tickers", "NVDA,AAPL")) {
            assertEquals(0, quorum.awaitExit(Duration.ofMinutes(2)), quorum.stderr());
            String out = quorum.stdout();
            assertTrue(out.contains("Trade date 2024-06-03, 2 ticker(s) decided"), out);
            // The sample's news ends in December 2023: sentiment has nothing to judge in June 2024 and abstains.
            assertTrue(out.matches("(?s).*NVDA\\s+(BUY|HOLD|SELL)\\s+\\d\\.\\d\\d\\s+[+-]\\d\\.\\d{3}\\s+3/4\\s+abstained: sentiment \\(data\\).*"), out);
            assertTrue(out.contains("2 envelope(s) published to redis://127.0.0.1:" + redis.port()), out);
        }
        try (RedisClient client = RedisClient.create("127.0.0.1", redis.port())) {
            assertTrue(client.xlen(STREAM) >= 2);
            assertEquals("2024-06-03", client.hget("maf:arena:trading_intelligence:decisions:NVDA:2024-06-03", "trade_date"));
        }
    }

    @Test
    void should_read_the_file_named_by_QUORUM_CONFIG_without_config() throws Exception {
        try (ServedQuorum quorum = ServedQuorum.start(dir, Map.of("QUORUM_CONFIG", config("").toString()), "run",
                "--date", "2024-06-03", "--tickers", "NVDA")) {
            assertEquals(0, quorum.awaitExit(Duration.ofMinutes(2)), quorum.stderr());
            // The file's Redis, not the default 127.0.0.1:6379, received the envelope.
            assertTrue(quorum.stdout().contains("1 envelope(s) published to redis://127.0.0.1:" + redis.port()), quorum.stdout());
        }
    }

    @Test
    void should_upper_case_the_tickers_and_name_them_in_the_start_up_line() throws Exception {
        try (ServedQuorum quorum = ServedQuorum.start(dir, Map.of(), "run", "--config", config("").toString(),
                "--date", "2024-06-03", "--tickers", "nvda, aapl")) {
            assertEquals(0, quorum.awaitExit(Duration.ofMinutes(2)), quorum.stderr());
            assertTrue(quorum.stdout().contains("\nNVDA ") && quorum.stdout().contains("\nAAPL "), quorum.stdout());
            assertTrue(quorum.stderr().contains("watchlist [NVDA, AAPL]"), quorum.stderr());
        }
    }

    @Test
    void should_refuse_a_bad_date_in_one_line_naming_the_format() {
        StringWriter err = new StringWriter();
        int code = QuorumCli.commandLine().setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("run", "--config", "quorum.yaml", "--date", "03/06/2024");

        assertEquals(2, code);
        assertEquals("quorum run: Invalid value for option '--date': '03/06/2024' is not a date; expected yyyy-MM-dd,"
                + " e.g. 2024-06-03 (see quorum run --help)", err.toString().strip());
    }

    @Test
    void should_exit_1_when_a_ticker_cannot_be_decided() throws Exception {
        try (ServedQuorum quorum = ServedQuorum.start(dir, Map.of(), "run", "--config", config("").toString(),
                "--date", "2024-06-03", "--tickers", "NVDA,TSLA")) {
            assertEquals(1, quorum.awaitExit(Duration.ofMinutes(2)), quorum.stderr());
            assertTrue(quorum.stdout().contains("TSLA     FAILED"), quorum.stdout());
        }
    }

    @Test
    void should_exit_2_with_one_clear_line_on_a_configuration_error() throws Exception {
        try (ServedQuorum quorum = ServedQuorum.start(dir, Map.of(), "run", "--config", config("http:\n  prot: 1\n").toString())) {
            assertEquals(2, quorum.awaitExit(Duration.ofMinutes(1)));
            String err = quorum.stderr();
            assertTrue(err.contains("quorum run: configuration key 'http.prot': is not a known setting"), err);
            assertTrue(!err.contains("\tat "), "no stack trace: " + err);
        }
    }

    @Test
    void should_refuse_to_start_an_llm_agent_whose_prompt_file_does_not_exist() throws Exception {
        // Before, the agent abstained on every call: each ticker a provisional HOLD, the missing file only in a log line.
        String agents = "agents:\n  - {name: technical, domain: t, backend: rules}\n"
                + "  - {name: risk, domain: r, prompt: riks, backend: ollama}\n"
                + "ollama:\n  endpoints: [{name: local, url: \"" + OllamaTestServer.closedPortUrl() + "\", parallel: 1}]\n";
        try (ServedQuorum quorum = ServedQuorum.start(dir, Map.of(), "run", "--config", config(agents).toString(),
                "--date", "2024-06-03", "--tickers", "NVDA")) {
            assertEquals(2, quorum.awaitExit(Duration.ofMinutes(1)), quorum.stderr());
            List<String> lines = quorum.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), quorum.stderr());
            assertTrue(lines.get(0).startsWith("quorum run: configuration key 'agents[1].prompt': needs the prompt 'riks', but "),
                    lines.get(0));
            assertTrue(lines.get(0).endsWith("riks.prompt does not exist"), lines.get(0));
        }
        assertFalse(Files.exists(dir.resolve("state").resolve("quorum.db")), "refused before the database was made");
    }

    @Test
    void should_exit_2_with_one_line_on_a_yaml_syntax_error_and_on_a_misspelt_variable() throws Exception {
        Path file = dir.resolve("syntax.yaml");
        Files.writeString(file, "watchlist: [AAPL\n");
        // As the operator runs it: a process, whose exit status and error line come from QuorumCli's handlers.
        try (ServedQuorum syntax = ServedQuorum.start(dir, Map.of(), "run", "--config", file.toString())) {
            assertEquals(2, syntax.awaitExit(Duration.ofMinutes(1)));
            assertEquals(List.of("quorum run: configuration file " + file + " line 2, column 1: expected ',' or ']', but got"
                    + " <stream end> (while parsing a flow sequence that starts at line 1, column 12)"),
                    syntax.stderr().lines().filter(l -> !l.isBlank()).toList());
        }
        try (ServedQuorum quorum = ServedQuorum.start(dir, Map.of("QUORUM_HTTP_PROT", "1"), "run", "--config", config("").toString())) {
            assertEquals(2, quorum.awaitExit(Duration.ofMinutes(1)));
            List<String> lines = quorum.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), quorum.stderr());
            assertTrue(lines.get(0).startsWith("quorum run: configuration key 'QUORUM_HTTP_PROT': is not a Quorum setting; did you"
                    + " mean QUORUM_HTTP_PORT? (every key of config/quorum.example.yaml"), lines.get(0));
        }
    }

    @Test
    void should_run_the_demo_on_defaults_and_fall_back_to_a_json_lines_file_without_redis() throws Exception {
        Path state = dir.resolve("demo-state");
        Map<String, String> environment = Map.of("QUORUM_DATA_DIR", state.toString(),
                "QUORUM_REDIS_URL", "redis://127.0.0.1:" + OllamaTestServer.closedPortUrl().replaceAll(".*:", "") + "/0",
                "QUORUM_MEMORY_RECALL_K", "0");
        try (ServedQuorum quorum = ServedQuorum.start(dir, environment, "demo")) {
            assertEquals(0, quorum.awaitExit(Duration.ofMinutes(2)), quorum.stderr());
            String out = quorum.stdout();
            for (String ticker : List.of("AAPL", "MSFT", "NVDA", "JPM", "XOM")) {
                assertTrue(out.contains("\n" + ticker + " "), out);
            }
            assertTrue(out.contains("5 envelope(s) published to JSON lines file"), out);
        }
        List<String> lines = Files.readAllLines(state.resolve("envelopes.jsonl"));
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).startsWith("{\"schema_version\":\"1\",\"arena\":\"trading_intelligence\""), lines.get(0));

        // A second demo keeps the day's decisions, and says so and how to decide again; that advice works.
        try (ServedQuorum again = ServedQuorum.start(dir, environment, "demo")) {
            assertEquals(0, again.awaitExit(Duration.ofMinutes(2)), again.stderr());
            assertTrue(again.stdout().contains("0 ticker(s) decided") && again.stdout().contains("\nAAPL     KEPT"), again.stdout());
            assertTrue(again.stdout().contains("Every ticker was decided for 2024-12-31 already and is kept (decisions.redecide"
                    + " is off): QUORUM_DECISIONS_REDECIDE=true decides them again"), again.stdout());
        }
        Map<String, String> redecide = new HashMap<>(environment);
        redecide.put("QUORUM_DECISIONS_REDECIDE", "true");
        try (ServedQuorum redecided = ServedQuorum.start(dir, redecide, "demo")) {
            assertEquals(0, redecided.awaitExit(Duration.ofMinutes(2)), redecided.stderr());
            assertTrue(redecided.stdout().contains("5 ticker(s) decided"), redecided.stdout());
            assertFalse(redecided.stdout().contains("Every ticker was decided"), redecided.stdout());
        }
        assertEquals(10, Files.readAllLines(state.resolve("envelopes.jsonl")).size());
    }
}
