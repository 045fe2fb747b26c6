package dev.quorum.orchestrator.datasync;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;

/**
 * The NYSE's regular trading days by its holiday rules, for dates the market data cannot know yet (how many
 * sessions a data set is behind today). Full-day closures: New Year's Day (moved to Monday from a Sunday; not
 * observed on the Friday before from a Saturday), Martin Luther King Jr. Day, Washington's Birthday, Good Friday,
 * Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day, Thanksgiving and Christmas (moved to Friday
 * from a Saturday, to Monday from a Sunday). Closures announced ad hoc (a national day of mourning, e.g. 2018-12-05
 * and 2025-01-09, or a hurricane) are not rules and count as sessions here; early closes are sessions.
 */
public final class ExchangeCalendar {

    private ExchangeCalendar() {
    }

    /** Whether the exchange trades on {@code day} by its rules. */
    public static boolean isSession(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !isHoliday(day);
    }

    /** Sessions in {@code (after, upTo]}; 0 when {@code upTo} is not after {@code after}. */
    public static int sessionsAfter(LocalDate after, LocalDate upTo) {
        int count = 0;
        for (LocalDate day = after.plusDays(1); !day.isAfter(upTo); day = day.plusDays(1)) {
            if (isSession(day)) {
                count++;
            }
        }
        return count;
    }

    /** The last session on or before {@code day}. */
    public static LocalDate sessionOnOrBefore(LocalDate day) {
        LocalDate session = day;
        while (!isSession(session)) {
            session = session.minusDays(1);
        }
        return session;
    }

    static boolean isHoliday(LocalDate day) {
        int year = day.getYear();
        return day.equals(newYear(day))
                || day.equals(nth(year, Month.JANUARY, DayOfWeek.MONDAY, 3))
                || day.equals(nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3))
                || day.equals(easterSunday(year).minusDays(2))
                || day.equals(LocalDate.of(year, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))
                || year >= 2022 && day.equals(observed(LocalDate.of(year, Month.JUNE, 19)))
                || day.equals(observed(LocalDate.of(year, Month.JULY, 4)))
                || day.equals(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1))
                || day.equals(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4))
                || day.equals(observed(LocalDate.of(year, Month.DECEMBER, 25)));
    }

    /** New Year's Day as observed for {@code day}'s year: from a Sunday to Monday the 2nd; from a Saturday not at all. */
    private static LocalDate newYear(LocalDate day) {
        LocalDate first = LocalDate.of(day.getYear(), Month.JANUARY, 1);
        return first.getDayOfWeek() == DayOfWeek.SUNDAY ? first.plusDays(1) : first;
    }

    /** A fixed-date holiday on a weekend: Saturday's moves to Friday, Sunday's to Monday. */
    private static LocalDate observed(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.minusDays(1);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }

    private static LocalDate nth(int year, Month month, DayOfWeek weekday, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
    }

    /** Western Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int dayOfMonth = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, dayOfMonth);
    }
}
