package dev.quorum.orchestrator.cli;

/**
 * An {@code on|off} option value ({@code backtest --recall off}), typed so a wrong value is refused by the option's
 * converter naming both values, not by hand in each command.
 */
public enum Switch {
    ON, OFF;

    public boolean on() {
        return this == ON;
    }

    /** The converter and the help's value list for a {@link Switch} option. */
    public static final class Values extends LowerCaseEnum<Switch> {
        public Values() {
            super(Switch.class);
        }
    }
}
