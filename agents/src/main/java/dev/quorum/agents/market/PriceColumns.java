package dev.quorum.agents.market;

import java.time.LocalDate;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * One ticker's bars as primitive columns: {@value #BYTES_PER_BAR} bytes of heap a bar (epoch day, five prices,
 * volume; dividends, zero on almost every day, kept sparse) where a {@link PriceBar} record with its
 * {@link LocalDate} costs about 100 and a parsed CSV row about 1 KB. Every value is the double (or long) read from
 * the file, so features and backtests see exactly the numbers they saw before. A read-only list: {@link #get}
 * builds the bar on demand (a short-lived object the JIT allocates cheaply). Filled by {@link #append} while one file
 * is read, never after the list is shared.
 */
final class PriceColumns extends AbstractList<PriceBar> implements RandomAccess {

    /** Seven 8-byte columns; the sparse dividends add 12 bytes per dividend paid. */
    static final int BYTES_PER_BAR = 7 * Long.BYTES;

    private final long[] epochDays;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] adjClose;
    private final long[] volume;
    private int[] dividendAt = new int[0];
    private double[] dividends = new double[0];
    private int dividendCount;
    private int size;

    /** Columns for exactly {@code capacity} bars: the file was counted first, so nothing is grown or trimmed. */
    PriceColumns(int capacity) {
        epochDays = new long[capacity];
        open = new double[capacity];
        high = new double[capacity];
        low = new double[capacity];
        close = new double[capacity];
        adjClose = new double[capacity];
        volume = new long[capacity];
    }

    /** @return false when the columns are full (the file grew since it was counted) */
    boolean append(PriceBar bar) {
        if (size == epochDays.length) {
            return false;
        }
        epochDays[size] = bar.date().toEpochDay();
        open[size] = bar.open();
        high[size] = bar.high();
        low[size] = bar.low();
        close[size] = bar.close();
        adjClose[size] = bar.adjClose();
        volume[size] = bar.volume();
        // Any bit pattern but +0.0 is kept, -0.0 included: get returns exactly what was read.
        if (Double.doubleToRawLongBits(bar.dividend()) != 0) {
            if (dividendCount == dividendAt.length) {
                dividendAt = Arrays.copyOf(dividendAt, Math.max(8, dividendCount * 2));
                dividends = Arrays.copyOf(dividends, dividendAt.length);
            }
            dividendAt[dividendCount] = size;
            dividends[dividendCount++] = bar.dividend();
        }
        size++;
        return true;
    }

    /** The bars' epoch days, ascending; shared with the {@link PointInTimeSeries} over these bars, not copied. */
    long[] epochDays() {
        return size == epochDays.length ? epochDays : Arrays.copyOf(epochDays, size);
    }

    @Override
    public PriceBar get(int index) {
        Objects.checkIndex(index, size);
        int d = Arrays.binarySearch(dividendAt, 0, dividendCount, index);
        return new PriceBar(LocalDate.ofEpochDay(epochDays[index]), open[index], high[index], low[index], close[index],
                adjClose[index], volume[index], d >= 0 ? dividends[d] : 0.0);
    }

    @Override
    public int size() {
        return size;
    }
}
