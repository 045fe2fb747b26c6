package dev.quorum.orchestrator.service;

import dev.quorum.orchestrator.cycle.CycleReport;

/** What operators drive: run a cycle now, switch the schedule on and off, read the state. Thread-safe. */
public interface Engine {

    EngineStatus status();

    /**
     * Runs one decision cycle over the watchlist now, unless one is already running.
     *
     * @throws IllegalStateException when a cycle is already running
     */
    CycleReport scan();

    /** Switches the schedule on; false when it already was. */
    boolean start();

    /** Switches the schedule off (a cycle in flight finishes); false when it already was off. */
    boolean stop();
}
