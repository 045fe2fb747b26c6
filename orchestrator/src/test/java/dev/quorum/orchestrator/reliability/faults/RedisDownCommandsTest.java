package dev.quorum.orchestrator.reliability.faults;

import dev.quorum.orchestrator.cli.QuorumCli;
import dev.quorum.testkit.LocalServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command that talks to Redis, pointed at a Redis (or a Sentinel) that is not there, as an operator who forgot
 * to start it would: one line naming the URL (password masked) and exit 2, never a stack trace.
 */
class RedisDownCommandsTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run quorum(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = QuorumCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void should_answer_every_redis_command_with_one_line_and_exit_2_when_redis_is_down() throws Exception {
        int dead = LocalServerProcess.freePort();
        String plain = "redis://:S3cret-pw@127.0.0.1:" + dead + "/0";
        String sentinel = "redis-sentinel://:S3cret-pw@127.0.0.1:" + dead + "/quorum-master/0";
        Path config = dir.resolve("quorum.yaml");
        Files.writeString(config, "redis: {url: \"redis://127.0.0.1:" + dead + "/0\"}\n");
        List<String[]> commands = List.of(
                new String[]{"tail", "--redis", plain, "--count", "1"},
                new String[]{"tail", "--redis", plain, "--from-start", "--count", "1"},
                new String[]{"tail", "--redis", plain, "--group", "ops", "--consumer", "c1", "--count", "1"},
                new String[]{"publish-samples", "--redis", plain, "--count", "1"},
                new String[]{"tail", "--redis", sentinel, "--count", "1"},
                new String[]{"tail", "--redis", sentinel, "--group", "ops", "--consumer", "c1", "--count", "1"},
                new String[]{"publish-samples", "--redis", sentinel, "--count", "1"},
                new String[]{"jobs", "status", "--config", config.toString()});
        for (String[] command : commands) {
            String what = String.join(" ", command);
            Run run = quorum(command);
            assertEquals(2, run.exitCode(), what + "\n" + run.err());
            List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), what + ": one line, no stack trace:\n" + run.err());
            String line = lines.get(0);
            assertTrue(line.startsWith("quorum " + command[0] + (command[0].equals("jobs") ? " status" : "") + ": "), what + ": " + line);
            assertTrue(line.contains("127.0.0.1:" + dead), what + ": names where it looked: " + line);
            assertFalse(line.contains("S3cret-pw"), what + ": " + line);
            assertFalse(line.contains("Exception"), what + ": " + line);
            assertEquals("", run.out(), what);
        }
    }
}
