package dev.quorum.orchestrator.cli;

import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.cycle.TickerDecision;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Prints a cycle as the readable table of {@code demo} and {@code run}. */
final class CycleTable {

    private CycleTable() {
    }

    static void print(CycleReport report, PrintWriter out) {
        out.printf(Locale.ROOT, "Trade date %s, %d ticker(s) decided in %.1f s%n%n", report.tradeDate(),
                report.decided().size(), report.elapsed().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "%-8s %-7s %10s %8s %7s  %s%n", "TICKER", "VERDICT", "CONFIDENCE", "SCORE", "AGENTS", "NOTES");
        for (TickerDecision d : report.decided()) {
            out.printf(Locale.ROOT, "%-8s %-7s %10.2f %+8.3f %7s  %s%n", d.ticker(), d.verdict(), d.confidence(),
                    d.ensembleScore(), d.voted() + "/" + d.agents(), String.join("; ", d.degraded()));
        }
        for (Map.Entry<String, String> failed : report.failed().entrySet()) {
            out.printf(Locale.ROOT, "%-8s %-7s %10s %8s %7s  %s%n", failed.getKey(), "FAILED", "-", "-", "-", failed.getValue());
        }
        for (Map.Entry<String, String> existing : report.alreadyDecided().entrySet()) {
            out.printf(Locale.ROOT, "%-8s %-7s %10s %8s %7s  %s%n", existing.getKey(), "KEPT", "-", "-", "-",
                    "already decided (" + existing.getValue() + "); decisions.redecide is off");
        }
        if (report.abandoned()) {
            out.println("(cycle abandoned before every ticker was tried)");
        }
    }
}
