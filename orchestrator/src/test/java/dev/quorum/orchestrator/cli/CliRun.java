package dev.quorum.orchestrator.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

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
}
