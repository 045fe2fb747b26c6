package dev.quorum.orchestrator.cli;

import dev.quorum.orchestrator.reliability.ServedQuorum;
import dev.quorum.testkit.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.XAddParams;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/quorum publish-samples, then bin/quorum tail, against a real redis-server. */
class TailCommandTest {

    private static final RedisServer REDIS = new RedisServer();

    @BeforeAll
    static void up() {
        REDIS.start();
    }

    @AfterAll
    static void down() {
        REDIS.close();
    }

    private record Run(int exitCode, List<String> out, String err) {
    }

    private static Run quorum(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new QuorumCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        List<String> lines = out.toString().isEmpty() ? List.of() : Arrays.asList(out.toString().split("\n"));
        return new Run(exit, lines, err.toString());
    }

    @Test
    void should_print_one_line_per_sample_envelope_published() {
        String stream = "test:" + UUID.randomUUID();
        Run published = quorum("publish-samples", "--redis", REDIS.url(), "--stream", stream, "--count", "3");
        assertEquals(0, published.exitCode(), published.err());
        assertEquals(3, published.out().size());

        Run tailed = quorum("tail", "--redis", REDIS.url(), "--stream", stream, "--from-start", "--count", "3");

        assertEquals(0, tailed.exitCode(), tailed.err());
        assertEquals(3, tailed.out().size(), tailed.out().toString());
        for (int i = 0; i < 3; i++) {
            String[] columns = tailed.out().get(i).split(" ");
            String[] publishedColumns = published.out().get(i).split(" ");
            assertEquals(7, columns.length, tailed.out().get(i));
            assertTrue(columns[0].matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?Z"), columns[0]);
            assertEquals(publishedColumns[1], columns[1], "ticker");
            assertEquals(publishedColumns[2], columns[3], "verdict");
            assertTrue(columns[6].matches("[0-9a-f]{32}"), columns[6]);
        }
    }

    @Test
    void should_ack_in_group_mode_and_continue_where_the_group_left_off() {
        String stream = "test:" + UUID.randomUUID();
        quorum("publish-samples", "--redis", REDIS.url(), "--stream", stream, "--count", "4");
        String[] group = {"tail", "--redis", REDIS.url(), "--stream", stream, "--from-start",
                "--group", "ops", "--consumer", "c1", "--count", "2"};

        List<String> first = quorum(group).out();
        List<String> second = quorum(group).out();

        assertEquals(2, first.size());
        assertEquals(2, second.size());
        assertTrue(first.stream().noneMatch(second::contains), "the group hands out each entry once");
    }

    /** Samples and junk interleaved: 6 envelopes, 2 entries no decoder accepts. */
    private static String streamWithJunk() {
        String stream = "test:" + UUID.randomUUID();
        try (RedisClient client = RedisClient.create(REDIS.host(), REDIS.port())) {
            for (int i = 0; i < 2; i++) {
                quorum("publish-samples", "--redis", REDIS.url(), "--stream", stream, "--count", "2");
                client.xadd(stream, XAddParams.xAddParams(), Map.of("data", "not json " + i));
            }
        }
        quorum("publish-samples", "--redis", REDIS.url(), "--stream", stream, "--count", "2");
        return stream;
    }

    private static long pending(String stream, String group) {
        try (RedisClient client = RedisClient.create(REDIS.host(), REDIS.port())) {
            return client.xpending(stream, group).getTotal();
        }
    }

    @Test
    void should_ack_and_count_skipped_entries_and_read_nothing_past_the_count_in_a_group() {
        String stream = streamWithJunk();
        String[] group = {"tail", "--redis", REDIS.url(), "--stream", stream, "--from-start",
                "--group", "ops", "--consumer", "c1", "--count", "5"};

        Run first = quorum(group);

        assertEquals(0, first.exitCode(), first.err());
        assertEquals(5, first.out().size(), first.out().toString());
        assertEquals(0, pending(stream, "ops"), "nothing read past --count, every skipped entry acknowledged");
        assertTrue(first.err().contains("tail: handled=5 ") && first.err().contains("MALFORMED_JSON=2"), first.err());
        Run rest = quorum("tail", "--redis", REDIS.url(), "--stream", stream, "--group", "ops", "--consumer", "c1", "--count", "1");
        assertEquals(1, rest.out().size(), "the sixth envelope is still the group's to hand out: " + rest.err());
        assertTrue(first.out().stream().noneMatch(rest.out()::contains));
        assertEquals(0, pending(stream, "ops"));
    }

    @Test
    void should_print_the_closing_summary_on_ctrl_c(@TempDir Path logs) throws Exception {
        String stream = streamWithJunk();
        ServedQuorum tail = ServedQuorum.start(logs, Map.of(), "tail", "--redis", REDIS.url(), "--stream", stream,
                "--from-start", "--group", "ops", "--consumer", "c1");
        try {
            tail.awaitOutput(Pattern.compile("(?m)(^.+\\n){6}"));
            tail.interrupt();
            tail.awaitExit(Duration.ofSeconds(30));
            assertTrue(tail.stderr().contains("tail: handled=6 ") && tail.stderr().contains("MALFORMED_JSON=2"), tail.stderr());
            assertEquals(0, pending(stream, "ops"));
        } finally {
            tail.close();
        }
    }

    @Test
    void should_never_replace_a_real_decision_hash_with_a_sample() {
        // A server of its own: the decision hashes are keyed by ticker and date, shared by every stream of the others.
        RedisServer own = new RedisServer();
        own.start();
        try (RedisClient client = RedisClient.create(own.host(), own.port())) {
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            String nvda = "maf:arena:trading_intelligence:decisions:NVDA:" + today;
            String aapl = "maf:arena:trading_intelligence:decisions:AAPL:" + today;
            assertEquals(0, quorum("publish-samples", "--redis", own.url(), "--stream", "a", "--count", "2").exitCode());
            // The service's own decision for the day: the same envelope without meta.sample.
            String real = client.hget(nvda, "json").replace("\"sample\":true", "\"sample\":false");
            client.hset(nvda, "json", real);
            String earlierSample = client.hget(aapl, "json");

            Run run = quorum("publish-samples", "--redis", own.url(), "--stream", "b", "--count", "2");

            assertEquals(1, run.exitCode(), run.err());
            assertEquals(1, run.out().size(), run.out().toString());
            assertEquals("AAPL", run.out().get(0).split(" ")[1], run.out().toString());
            assertTrue(run.err().contains("publish-samples: NVDA skipped: " + nvda + " holds a real decision"), run.err());
            assertTrue(run.err().contains("publish-samples: 1 envelopes to b on " + own.url() + "; 1 skipped"), run.err());
            assertEquals(real, client.hget(nvda, "json"), "the real decision is still there");
            assertEquals(1, client.xlen("b"), "nothing of NVDA on the stream either");
            assertTrue(!earlierSample.equals(client.hget(aapl, "json")), "an earlier sample is the samples' to replace");
        } finally {
            own.close();
        }
    }

    @Test
    void should_refuse_a_stream_name_whose_key_is_not_a_stream_in_one_line() {
        String key = "test:string:" + UUID.randomUUID();
        try (RedisClient client = RedisClient.create(REDIS.host(), REDIS.port())) {
            client.set(key, "x");
        }
        for (String command : List.of("tail", "publish-samples")) {
            CliRun run = CliRun.of(command, "--redis", REDIS.url(), "--stream", key, "--count", "1");
            assertEquals(2, run.code(), run.err());
            assertEquals("quorum " + command + ": the key " + key + " on " + REDIS.url() + " is a string, not a stream (--stream or"
                    + " redis.stream names the stream) (see quorum " + command + " --help)", run.errorLine());
        }
    }

    @Test
    void should_say_in_one_line_that_redis_refused_the_password() {
        RedisServer guarded = new RedisServer(List.of("--requirepass", "right-one"));
        guarded.start();
        try {
            String wrong = "redis://:hunter2@" + guarded.host() + ":" + guarded.port() + "/0";
            for (String command : List.of("tail", "publish-samples")) {
                CliRun run = CliRun.of(command, "--redis", wrong, "--count", "1");
                assertEquals(2, run.code(), run.err());
                String line = run.errorLine();
                assertTrue(line.startsWith("quorum " + command + ": Redis refused: WRONGPASS"), line);
                assertTrue(!line.contains("hunter2"), line);
            }
            CliRun none = CliRun.of("tail", "--redis", guarded.url(), "--count", "1");
            assertEquals(2, none.code(), none.err());
            assertTrue(none.errorLine().startsWith("quorum tail: Redis refused: NOAUTH"), none.err());
        } finally {
            guarded.close();
        }
    }

    @Test
    void should_refuse_a_group_without_a_consumer_name() {
        Run run = quorum("tail", "--redis", REDIS.url(), "--group", "ops");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--group and --consumer go together"), run.err());
    }

    @Test
    void should_explain_a_bad_redis_url_without_showing_the_password() {
        Run run = quorum("tail", "--redis", "redis://:hunter2@127.0.0.1:notaport/0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("invalid Redis URL redis://***@127.0.0.1:notaport/0"), run.err());
        assertTrue(!run.err().contains("hunter2"), run.err());
    }
}
