package dev.quorum.orchestrator.cli;

import dev.quorum.testkit.RedisCluster;
import dev.quorum.testkit.RedisSentinel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/quorum publish-samples and tail through redis-sentinel:// and redis-cluster:// URLs, on real servers. */
class RedisTopologyCommandsTest {

    @RegisterExtension
    static final RedisSentinel SENTINEL = new RedisSentinel("quorum-master", Optional.empty());
    @RegisterExtension
    static final RedisCluster CLUSTER = new RedisCluster();

    private record Run(int exitCode, List<String> out, String err) {
    }

    /** As bin/quorum runs it, operator-error handling included. */
    private static Run quorum(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new QuorumCli());
        cli.setExecutionExceptionHandler(new OperatorErrors());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        List<String> lines = out.toString().isEmpty() ? List.of() : Arrays.asList(out.toString().split("\n"));
        return new Run(exit, lines, err.toString());
    }

    private static void publishThenTailAsAGroup(String url) {
        String stream = "test:" + UUID.randomUUID();
        Run published = quorum("publish-samples", "--redis", url, "--stream", stream, "--count", "4");
        assertEquals(0, published.exitCode(), published.err());
        assertEquals(4, published.out().size());

        String[] group = {"tail", "--redis", url, "--stream", stream, "--from-start",
                "--group", "ops", "--consumer", "c1", "--count", "2"};
        Run first = quorum(group);
        Run second = quorum(group);

        assertEquals(0, first.exitCode(), first.err());
        assertEquals(2, first.out().size(), first.out().toString());
        assertEquals(2, second.out().size(), second.out().toString());
        assertTrue(first.out().stream().noneMatch(second.out()::contains), "the group hands out each entry once");
    }

    @Test
    void should_publish_and_tail_through_a_sentinel_url() {
        publishThenTailAsAGroup(SENTINEL.url());
    }

    @Test
    void should_publish_and_tail_through_a_cluster_url() {
        publishThenTailAsAGroup(CLUSTER.url());
    }

    @Test
    void should_report_a_wrong_master_name_as_an_operator_error_with_the_password_masked() {
        String url = "redis-sentinel://:T0p-Secret@127.0.0.1:" + SENTINEL.sentinelPort() + "/no-such-master/0";
        Run run = quorum("tail", "--redis", url, "--count", "1");
        assertEquals(ExitCodes.OPERATOR_ERROR, run.exitCode());
        assertTrue(run.err().startsWith("quorum tail: cannot open redis-sentinel://:***@127.0.0.1:" + SENTINEL.sentinelPort()
                + "/no-such-master/0: "), run.err());
        assertTrue(run.err().contains("is the master name right?"), run.err());
        assertFalse(run.err().contains("T0p-Secret"), run.err());
    }
}
