package dev.quorum.memory.metalearner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Running loss and R² over the most recent updates, and the learning curve kept for the dashboard. */
final class RunningFit {

    private final int window;
    private final int curvePoints;
    private final Deque<TrainingStep> recent = new ArrayDeque<>();

    RunningFit(int window, int curvePoints) {
        this.window = window;
        this.curvePoints = curvePoints;
    }

    void record(TrainingStep step) {
        recent.addLast(step);
        while (recent.size() > Math.max(window, curvePoints)) {
            recent.removeFirst();
        }
    }

    /** Undoes the last {@link #record}, for an update that could not be persisted. */
    void forgetLast() {
        recent.removeLast();
    }

    MetaLearnerStatus status(long steps, long lastCheckpointStep) {
        List<TrainingStep> all = new ArrayList<>(recent);
        List<TrainingStep> fit = all.subList(Math.max(0, all.size() - window), all.size());
        List<TrainingStep> curve = all.subList(Math.max(0, all.size() - curvePoints), all.size());
        return new MetaLearnerStatus(steps, runningLoss(fit), rSquared(fit), fit.size(), lastCheckpointStep, curve);
    }

    private static Double runningLoss(List<TrainingStep> fit) {
        return fit.isEmpty() ? null : fit.stream().mapToDouble(TrainingStep::loss).average().orElseThrow();
    }

    private static Double rSquared(List<TrainingStep> fit) {
        if (fit.size() < 2) {
            return null;
        }
        double mean = fit.stream().mapToDouble(TrainingStep::actual).average().orElseThrow();
        double residual = 0.0;
        double total = 0.0;
        for (TrainingStep s : fit) {
            residual += (s.actual() - s.predicted()) * (s.actual() - s.predicted());
            total += (s.actual() - mean) * (s.actual() - mean);
        }
        return total == 0.0 ? null : 1.0 - residual / total;
    }
}
