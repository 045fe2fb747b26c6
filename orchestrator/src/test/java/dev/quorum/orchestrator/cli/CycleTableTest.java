package dev.quorum.orchestrator.cli;

import dev.quorum.orchestrator.cycle.CycleReport;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CycleTableTest {

    private static final List<String> WATCHLIST = List.of("AAPL", "MSFT", "NVDA", "JPM", "XOM", "KO", "PG", "BA");

    @Test
    void should_list_the_kept_and_failed_tickers_in_the_order_the_cycle_gave() {
        Map<String, String> kept = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (int i = 0; i < WATCHLIST.size(); i++) {
            (i % 2 == 0 ? kept : failed).put(WATCHLIST.get(i), "id-" + i);
        }
        CycleReport report = new CycleReport(LocalDate.parse("2024-12-31"), Instant.EPOCH, Instant.EPOCH, List.of(),
                failed, kept, false);
        assertEquals(List.of("AAPL", "NVDA", "XOM", "PG"), List.copyOf(report.alreadyDecided().keySet()));
        assertEquals(List.of("MSFT", "JPM", "KO", "BA"), List.copyOf(report.failed().keySet()));

        StringWriter text = new StringWriter();
        CycleTable.print(report, new PrintWriter(text, true));
        List<String> tickers = text.toString().lines().skip(3).map(line -> line.split(" +")[0]).toList();
        assertEquals(List.of("MSFT", "JPM", "KO", "BA", "AAPL", "NVDA", "XOM", "PG"), tickers, text.toString());
    }
}
