package dev.quorum.orchestrator.scaleout;

import dev.quorum.memory.store.Outbox;
import dev.quorum.orchestrator.cycle.CycleReport;
import dev.quorum.orchestrator.service.Engine;
import dev.quorum.orchestrator.service.EngineStatus;

import java.util.List;
import java.util.Optional;

/** What the HTTP API drives on a worker: nothing to schedule or scan (the scheduler does that); status only. */
public final class WorkerEngine implements Engine {

    private final String jobStream;
    private final Outbox outbox;

    public WorkerEngine(String jobStream, Outbox outbox) {
        this.jobStream = jobStream;
        this.outbox = outbox;
    }

    @Override
    public EngineStatus status() {
        return new EngineStatus(false, "worker: jobs from " + jobStream, false, Optional.empty(), Optional.empty(),
                outbox.pendingCount(), List.of());
    }

    @Override
    public CycleReport scan() {
        throw new IllegalStateException("this process is a worker: it decides the jobs on " + jobStream
                + "; start a scan on the scheduler");
    }

    @Override
    public boolean start() {
        return false;
    }

    @Override
    public boolean stop() {
        return false;
    }
}
