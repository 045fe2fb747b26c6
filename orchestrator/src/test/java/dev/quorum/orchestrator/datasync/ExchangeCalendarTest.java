package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.CsvMarketData;
import dev.quorum.agents.market.PriceBar;
import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NYSE holiday rules against real session lists (SPY's bars) and hand-checked dates. */
class ExchangeCalendarTest {

    /** Weekdays in [from, to] the rules and SPY's bars disagree on. */
    private static List<LocalDate> disagreements(Path spy) {
        List<PriceBar> bars = CsvMarketData.readPriceFile(spy);
        Set<LocalDate> sessions = bars.stream().map(PriceBar::date).collect(Collectors.toSet());
        List<LocalDate> differ = new ArrayList<>();
        for (LocalDate day = bars.get(0).date(); !day.isAfter(bars.get(bars.size() - 1).date()); day = day.plusDays(1)) {
            boolean weekday = day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
            if (weekday && ExchangeCalendar.isSession(day) != sessions.contains(day)) {
                differ.add(day);
            }
        }
        return differ;
    }

    @Test
    void should_reproduce_the_sessions_of_the_shipped_sample() {
        assertEquals(List.of(), disagreements(ProjectPaths.root().resolve("samples/market/prices/SPY.csv")), "2023-2024");
    }

    @Test
    void should_reproduce_eleven_years_of_sessions_but_the_ad_hoc_closure() {
        Path spy = ProjectPaths.root().resolve("../shared/data/prices/SPY.csv").normalize();
        Assumptions.assumeTrue(Files.exists(spy), "the development data (../shared/data) is not here");
        // 2018-12-05: national day of mourning for President George H. W. Bush, announced days before: no rule.
        assertEquals(List.of(LocalDate.of(2018, 12, 5)), disagreements(spy), "2014-2024");
    }

    @Test
    void should_move_weekend_holidays_as_the_exchange_does() {
        assertEquals(LocalDate.of(2024, 3, 31), ExchangeCalendar.easterSunday(2024));
        assertFalse(ExchangeCalendar.isSession(LocalDate.of(2024, 3, 29)), "Good Friday 2024");
        assertFalse(ExchangeCalendar.isSession(LocalDate.of(2022, 6, 20)), "Juneteenth 2022 fell on a Sunday");
        assertTrue(ExchangeCalendar.isSession(LocalDate.of(2021, 6, 18)), "no Juneteenth closure before 2022");
        assertFalse(ExchangeCalendar.isSession(LocalDate.of(2021, 12, 24)), "Christmas 2021 fell on a Saturday");
        assertTrue(ExchangeCalendar.isSession(LocalDate.of(2021, 12, 31)), "New Year 2022 on a Saturday is not moved back");
        assertFalse(ExchangeCalendar.isSession(LocalDate.of(2023, 1, 2)), "New Year 2023 fell on a Sunday");
        // 2024-12-24 to 2025-01-03: the 26th, 27th, 30th, 31st, 2nd and 3rd.
        assertEquals(6, ExchangeCalendar.sessionsAfter(LocalDate.of(2024, 12, 24), LocalDate.of(2025, 1, 3)));
        assertEquals(LocalDate.of(2024, 12, 31), ExchangeCalendar.sessionOnOrBefore(LocalDate.of(2025, 1, 1)));
    }
}
