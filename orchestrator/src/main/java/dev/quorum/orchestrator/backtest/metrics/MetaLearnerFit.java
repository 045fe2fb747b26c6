package dev.quorum.orchestrator.backtest.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The meta-learner's out-of-sample skill: each prediction was made at decision time, before its outcome trained
 * the network. {@code rollingLoss} is the mean squared error over the last {@link #WINDOW} resolved predictions.
 *
 * @param r2 1 - SSE / SST over every prediction (null with fewer than two)
 */
public record MetaLearnerFit(long predictions, Double mse, Double r2, List<Point> points, List<LossPoint> rollingLoss) {

    public static final int WINDOW = 100;

    public record Point(LocalDate tradeDate, double predicted, double actual) {
    }

    public record LossPoint(LocalDate tradeDate, double mse) {
    }

    public static MetaLearnerFit of(List<ResolvedDecision> decisions) {
        List<Point> points = decisions.stream().filter(d -> d.metaPrediction() != null)
                .map(d -> new Point(d.tradeDate(), d.metaPrediction(), d.realizedReturn())).toList();
        if (points.isEmpty()) {
            return new MetaLearnerFit(0, null, null, List.of(), List.of());
        }
        double sse = 0.0;
        double mean = points.stream().mapToDouble(Point::actual).average().orElseThrow();
        double sst = 0.0;
        List<LossPoint> rolling = new ArrayList<>();
        double window = 0.0;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double e = (p.predicted() - p.actual()) * (p.predicted() - p.actual());
            sse += e;
            sst += (p.actual() - mean) * (p.actual() - mean);
            window += e;
            if (i >= WINDOW) {
                Point out = points.get(i - WINDOW);
                window -= (out.predicted() - out.actual()) * (out.predicted() - out.actual());
            }
            rolling.add(new LossPoint(p.tradeDate(), window / Math.min(i + 1, WINDOW)));
        }
        Double r2 = points.size() >= 2 && sst > 0 ? 1.0 - sse / sst : null;
        return new MetaLearnerFit(points.size(), sse / points.size(), r2, points, rolling);
    }
}
