package dev.quorum.orchestrator.cli;

import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.runtime.QuorumRuntime;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;

/** One cycle, its table and where the envelopes went: what {@code demo} and {@code run} share. */
final class CycleCommand {

    private CycleCommand() {
    }

    /**
     * @return the command's exit code: 0 when every ticker was decided for good, 1 when some were not decided or
     *         only provisionally (the models failed: the next run decides them again)
     */
    static int runOnce(QuorumRuntime runtime, List<String> tickers, LocalDate tradeDate, PrintWriter out) {
        CycleReport report = runtime.cycle().run(tickers, tradeDate, () -> false);
        int published = runtime.publisher().drain();
        CycleTable.print(report, out);
        out.println();
        out.printf("%d envelope(s) published to %s%n", published, runtime.publisher().sink().describe());
        long waiting = runtime.outbox().pendingCount();
        if (waiting > 0) {
            out.printf("%d envelope(s) wait in the outbox (%s): the next run or serve publishes them in order%n",
                    waiting, runtime.config().sqliteFile());
        }
        out.printf("Decisions stored in %s%n", runtime.config().sqliteFile());
        if (report.decided().isEmpty() && report.failed().isEmpty() && !report.alreadyDecided().isEmpty()) {
            // A second demo (or run) of the same day: say why nothing new was decided, and how to decide it again.
            out.printf("Every ticker was decided for %s already and is kept (decisions.redecide is off): "
                    + "QUORUM_DECISIONS_REDECIDE=true decides them again and supersedes those envelopes%n", tradeDate);
        }
        List<String> provisional = report.provisional();
        if (!provisional.isEmpty()) {
            out.printf("Provisional (the models or their servers failed): %s; run again once they answer: the next run"
                    + " decides them again and supersedes these envelopes%n", String.join(", ", provisional));
        }
        out.flush();
        return report.complete() && provisional.isEmpty() ? ExitCodes.OK : ExitCodes.NOT_DONE;
    }
}
