package dev.quorum.orchestrator.backtest;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;

/** A progress line for long runs (sessions done, decisions per second, ETA), at most once a second. */
public final class Progress {

    /** Prints nothing: for tests and embedded runs. */
    public static final Progress SILENT = new Progress(null);

    private final PrintStream out;
    private int totalSessions;
    private long startedNanos = System.nanoTime();
    private long lastPrintNanos;

    /** @param out where the line goes (standard error: standard output stays for results) */
    public Progress(PrintStream out) {
        this.out = out;
    }

    void start(int sessions) {
        this.totalSessions = sessions;
        this.startedNanos = System.nanoTime();
    }

    void session(int sessionsDone, int sessionsSkipped, long decisions, LocalDate session, boolean last) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (!last && now - lastPrintNanos < 1_000_000_000L) {
            return;
        }
        lastPrintNanos = now;
        double seconds = Math.max(1e-9, (now - startedNanos) / 1e9);
        int worked = sessionsDone - sessionsSkipped;
        double sessionsPerSecond = worked / seconds;
        int remaining = totalSessions - sessionsDone;
        String eta = sessionsPerSecond > 0 ? format(Duration.ofSeconds(Math.round(remaining / sessionsPerSecond))) : "?";
        out.printf(Locale.ROOT, "\rbacktest %s  %d/%d sessions  %d decisions  %.1f decisions/s  ETA %s%s", session,
                sessionsDone, totalSessions, decisions, decisions / seconds, eta, last ? System.lineSeparator() : "");
        out.flush();
    }

    private static String format(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
