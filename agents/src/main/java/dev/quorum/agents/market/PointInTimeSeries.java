package dev.quorum.agents.market;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Items ordered by the date from which each is known (a bar at its session's close, a tweet at the close of the
 * session it belongs to, a monthly macro value after its publication delay). {@link #knownOn} is the single
 * place where the no-look-ahead cut is made: a binary search, then a view (no copy), so a backtest can ask for
 * thousands of snapshots cheaply.
 *
 * @param <T> the item type
 */
public final class PointInTimeSeries<T> {

    private static final PointInTimeSeries<?> EMPTY = new PointInTimeSeries<>(List.of(), new long[0]);

    private final List<T> items;
    private final long[] knownOnEpochDays;

    private PointInTimeSeries(List<T> items, long[] knownOnEpochDays) {
        this.items = items;
        this.knownOnEpochDays = knownOnEpochDays;
    }

    /**
     * @param items   already ordered by {@code knownOn} (not decreasing); readers sort or reject before this
     * @param knownOn the date at whose close an item becomes known
     */
    public static <T> PointInTimeSeries<T> of(List<T> items, Function<T, LocalDate> knownOn) {
        List<T> copy = List.copyOf(items);
        long[] days = new long[copy.size()];
        for (int i = 0; i < days.length; i++) {
            days[i] = knownOn.apply(copy.get(i)).toEpochDay();
            if (i > 0 && days[i] < days[i - 1]) {
                throw new IllegalArgumentException("items are not ordered by the date they are known: item " + i
                        + " known on " + LocalDate.ofEpochDay(days[i]) + " after one known on " + LocalDate.ofEpochDay(days[i - 1]));
            }
        }
        return new PointInTimeSeries<>(copy, days);
    }

    /** A price series over its columns, sharing their (validated, strictly increasing) epoch days: no copy. */
    static PointInTimeSeries<PriceBar> of(PriceColumns bars) {
        return new PointInTimeSeries<>(bars, bars.epochDays());
    }

    @SuppressWarnings("unchecked")
    public static <T> PointInTimeSeries<T> empty() {
        return (PointInTimeSeries<T>) EMPTY;
    }

    /** The full history, including items known after any given date: for outcome resolution, never for features. */
    public List<T> all() {
        return items;
    }

    /** The items known at {@code date}'s close, in order (an unmodifiable view). */
    public List<T> knownOn(LocalDate date) {
        long day = date.toEpochDay();
        int index = Arrays.binarySearch(knownOnEpochDays, day);
        int end;
        if (index < 0) {
            end = -index - 1;
        } else {
            // several items can be known on the same day: include them all
            end = index + 1;
            while (end < knownOnEpochDays.length && knownOnEpochDays[end] == day) {
                end++;
            }
        }
        return items.subList(0, end);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
