package dev.quorum.orchestrator.cli;

/**
 * The exit codes of every {@code bin/quorum} command, in one place so that scripts and systemd units can rely on
 * them. Each command lists the ones it uses in its {@code --help} ({@code exitCodeList} built from these
 * constants and the lines below, so the help cannot drift from the code). The trader module's {@code trade}
 * command sits below this module and keeps its own copies of {@link #OPERATOR_ERROR} and {@link #UNUSABLE}.
 */
public final class ExitCodes {

    /** Everything asked was done. */
    public static final int OK = 0;
    /**
     * The command ran but did not do all it was asked: a ticker not decided (or only provisionally), a file not
     * current, every agent abstained, a candidate prompt worse, or an input refused with the field named (then
     * nothing changed).
     */
    public static final int NOT_DONE = 1;
    /** Bad usage or an error the operator fixes (configuration, market data, Redis, a locked database): one line. */
    public static final int OPERATOR_ERROR = 2;
    /**
     * The database, an input file or the recall store cannot be used (or, for {@code feedback --via-api}, the service
     * does not answer); nothing changed. A configuration error is an {@link #OPERATOR_ERROR} in every command.
     */
    public static final int UNUSABLE = 3;
    /** The outcome is recorded and the weights moved, but the meta-learner did not learn from it yet. */
    public static final int LEARNING_FAILED = 4;

    /** The help line of {@link #UNUSABLE} for a command whose only unusable input is the database. */
    public static final String DATABASE_UNUSABLE = UNUSABLE + ":the database cannot be used (the line names the file "
            + "and why); nothing changed";

    /**
     * The help line of {@link #UNUSABLE} for a command that opens the runtime: the database, or a file of the embedded
     * recall store (index, journal, pending queue), neither of which is ever rewritten when refused.
     */
    public static final String STORE_UNUSABLE = UNUSABLE + ":the database or the recall store cannot be used (the line "
            + "names the file and why); nothing changed";

    /** The heading of the list in {@code --help}. */
    public static final String HEADING = "%nExit codes:%n";
    /** The help line of {@link #OK}. */
    public static final String DONE = OK + ":done";
    /** The help line of {@link #OPERATOR_ERROR}, the same for every command. */
    public static final String USAGE = OPERATOR_ERROR + ":bad usage, or an error the operator fixes (configuration, "
            + "market data, Redis, the database in use): one line names it";

    private ExitCodes() {
    }
}
