package dev.quorum.agents.market;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The exchange's trading sessions (the dates of the calendar ticker's bars) and the rule that maps a
 * timestamp to the session whose close first knows it.
 */
public final class TradingCalendar {

    /** US equities close at 16:00 New York time; news from then on belongs to the next session. */
    public static final ZoneId EXCHANGE_ZONE = ZoneId.of("America/New_York");
    public static final LocalTime CLOSE = LocalTime.of(16, 0);

    private final long[] epochDays;
    // A view over the epoch days: the calendar ticker's file may be long, and a LocalDate per session would cost
    // more than its bars' columns.
    private final List<LocalDate> sessions = new SessionList();

    public TradingCalendar(List<LocalDate> sessions) {
        this(sessions.stream().mapToLong(LocalDate::toEpochDay).toArray());
    }

    /** @param epochDays the sessions' epoch days, strictly increasing; kept, not copied */
    TradingCalendar(long[] epochDays) {
        this.epochDays = epochDays;
        for (int i = 1; i < epochDays.length; i++) {
            if (epochDays[i] <= epochDays[i - 1]) {
                throw new IllegalArgumentException("sessions must be strictly increasing: " + sessions.get(i)
                        + " after " + sessions.get(i - 1));
            }
        }
    }

    public List<LocalDate> sessions() {
        return sessions;
    }

    public boolean isSession(LocalDate date) {
        return Arrays.binarySearch(epochDays, date.toEpochDay()) >= 0;
    }

    /**
     * The first session on or after {@code date}; {@code date} itself when it is after the last known session
     * (such an item is never visible in a snapshot of this calendar, but stays in the full history).
     */
    public LocalDate sessionOnOrAfter(LocalDate date) {
        int index = Arrays.binarySearch(epochDays, date.toEpochDay());
        if (index >= 0) {
            return sessions.get(index);
        }
        int insertion = -index - 1;
        return insertion < sessions.size() ? sessions.get(insertion) : date;
    }

    /** The first session strictly after {@code date} (same convention as {@link #sessionOnOrAfter}). */
    public LocalDate sessionAfter(LocalDate date) {
        return sessionOnOrAfter(date.plusDays(1));
    }

    /**
     * The session whose close first knows something published at {@code publishedAt}: the New York date's
     * session when published before 16:00, else the next session. Known limitation: on early-close days
     * (13:00) items between 13:00 and 16:00 are counted in that day's session.
     */
    public LocalDate sessionOf(Instant publishedAt) {
        ZonedDateTime local = publishedAt.atZone(EXCHANGE_ZONE);
        LocalDate day = local.toLocalDate();
        return local.toLocalTime().isBefore(CLOSE) ? sessionOnOrAfter(day) : sessionAfter(day);
    }

    /**
     * The session {@code count} sessions before {@code session} (0 = itself), clamped to the first session.
     *
     * @throws IllegalArgumentException when {@code session} is not a session
     */
    public LocalDate sessionsBefore(LocalDate session, int count) {
        int index = Arrays.binarySearch(epochDays, session.toEpochDay());
        if (index < 0) {
            throw new IllegalArgumentException(session + " is not a trading session");
        }
        return sessions.get(Math.max(0, index - count));
    }

    private final class SessionList extends AbstractList<LocalDate> implements RandomAccess {
        @Override
        public LocalDate get(int index) {
            return LocalDate.ofEpochDay(epochDays[index]);
        }

        @Override
        public int size() {
            return epochDays.length;
        }
    }
}
