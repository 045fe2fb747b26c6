package dev.quorum.orchestrator.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One in-process {@code quorum} invocation: its exit code and what it printed, through the same command line
 * {@code bin/quorum} builds (its error handlers, date converter and version), so an operator's error reads here as
 * it does in a terminal: one line, exit 2.
 */
public record CliRun(int code, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = QuorumCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The one line a refused command printed on stderr, asserted to be the only one (no stack trace, no log noise). */
    public String errorLine() {
        List<String> lines = err.lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, lines.size(), "one line, no stack trace:\n" + err);
        return lines.get(0);
    }
}
