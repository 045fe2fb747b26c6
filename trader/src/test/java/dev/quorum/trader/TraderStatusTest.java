package dev.quorum.trader;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TraderStatusTest {

    @Test
    void should_show_an_entry_still_working_as_unfilled_not_at_a_zero_price() {
        TraderStatus status = new TraderStatus("simulated", 100_000, 2, 9_000, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, List.of(
                new TraderStatus.OpenPosition("c-1", "ACME", "long", 80, 101.0, 104.0, 240.0, "OPEN"),
                new TraderStatus.OpenPosition("c-2", "MSFT", "short", 12, 0.0, 410.0, 0.0, "OPENING")));

        String text = status.text();

        assertTrue(text.contains("  ACME   long      80 @   101.0000  last   104.0000     +240.00  OPEN     c-1\n"), text);
        assertTrue(text.contains("  MSFT   short     12 @   unfilled  last   410.0000       +0.00  OPENING  c-2\n"), text);
        assertTrue(!text.contains("0.0000  last"), text);
    }
}
