package dev.quorum.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandRunTest {

    @Test
    void should_give_the_exit_status_and_both_outputs() {
        CommandRun run = CommandRun.of(List.of("bash", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(30));
        assertEquals(3, run.exitCode());
        assertEquals("out\nerr\n", run.output());
    }

    @Test
    void should_cut_a_command_that_hangs_with_its_output_open() {
        CommandRun run = CommandRun.of(List.of("bash", "-c", "echo started; exec sleep 600"), Duration.ofMillis(500));
        assertEquals(-1, run.exitCode());
        assertEquals("timed out after 0 s: started\n", run.output());
    }

    @Test
    void should_say_when_the_command_cannot_start() {
        CommandRun run = CommandRun.of(List.of("/no/such/python3"), Duration.ofSeconds(30));
        assertEquals(-1, run.exitCode());
        assertTrue(run.output().startsWith("cannot run /no/such/python3: "), run.output());
    }
}
