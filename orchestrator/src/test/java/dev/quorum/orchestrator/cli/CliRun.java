package dev.quorum.orchestrator.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process {@code quorum} invocation, with the error handling of {@code bin/quorum}: its exit code and what it printed. */
public record CliRun(int code, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // As bin/quorum runs it: an operator's error is one line and exit code 2, not picocli's usage dump or a trace.
        CommandLine cli = QuorumCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
