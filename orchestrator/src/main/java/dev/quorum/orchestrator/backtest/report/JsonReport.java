package dev.quorum.orchestrator.backtest.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.quorum.orchestrator.backtest.WeightPoint;
import dev.quorum.orchestrator.backtest.metrics.BacktestMetrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The backtest's figures as one JSON document: {@code report_schema} (the version of this layout, raised whenever a
 * field changes meaning or goes away; README "Backtesting and prompt evaluation" documents it), {@code run},
 * {@code metrics} (every figure and curve), {@code weights}.
 */
public final class JsonReport {

    /**
     * 2: the daily-marked book (returns, volatility, drawdown duration, exposure, turnover per year), directional
     * accuracy with base rates instead of the epsilon hit rate, base-rate Brier, block-bootstrap differences.
     */
    public static final int SCHEMA = 2;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(LocalDate.class, ToStringSerializer.instance))
            .enable(SerializationFeature.INDENT_OUTPUT);

    private record Document(@JsonProperty("report_schema") int reportSchema, RunInfo run, BacktestMetrics metrics,
                            List<WeightPoint> weights) {
    }

    private JsonReport() {
    }

    public static String render(RunInfo run, BacktestMetrics metrics, List<WeightPoint> weights) {
        try {
            return JSON.writeValueAsString(new Document(SCHEMA, run, metrics, weights));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the JSON report", e);
        }
    }

    public static void write(Path file, RunInfo run, BacktestMetrics metrics, List<WeightPoint> weights) {
        try {
            Files.writeString(file, render(run, metrics, weights));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON report to " + file, e);
        }
    }
}
