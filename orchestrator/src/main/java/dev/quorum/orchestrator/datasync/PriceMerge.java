package dev.quorum.orchestrator.datasync;

import dev.quorum.agents.market.PriceBar;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Merges a provider's bars into a stored {@code prices/<TICKER>.csv}.
 *
 * <p>A bar after the last stored session is new. Its {@code adj_close} is derived, as neither provider serves one:
 * {@code close} times the adjustment factor of the last stored bar ({@code adj_close / close}; 1 in a new file), so
 * the adjusted series continues without a jump at the junction; its dividend is 0 (neither provider reports
 * dividends, so a dividend paid after the last stored bar is not folded into {@code adj_close}).
 *
 * <p>A bar for a stored session whose open, high, low or close differs from the stored one by more than
 * {@link #TOLERANCE} (relative; sources round differently) is a revision, and so is a session missing inside the
 * stored history. A revised bar keeps the stored bar's adjustment factor and dividend.
 */
final class PriceMerge {

    /** 5 basis points: above rounding and cross-source noise, far below a split or a real correction. */
    static final double TOLERANCE = 5e-4;

    /** A provider's value for a stored session that differs from the stored one; {@code stored} null: a missing day. */
    record Revision(PriceBar stored, PriceBar revised) {
        String describe(String ticker) {
            if (stored == null) {
                return ticker + " " + revised.date() + ": missing session, provider has close " + number(revised.close());
            }
            return ticker + " " + revised.date() + ": open " + change(stored.open(), revised.open()) + ", high "
                    + change(stored.high(), revised.high()) + ", low " + change(stored.low(), revised.low()) + ", close "
                    + change(stored.close(), revised.close()) + ", adj_close " + change(stored.adjClose(), revised.adjClose());
        }

        private static String change(double old, double revised) {
            return old == revised ? number(old) : number(old) + " -> " + number(revised);
        }
    }

    /**
     * @param appended  the new sessions after the last stored one
     * @param revisions the provider's revisions of stored sessions, oldest first
     */
    record Result(List<PriceBar> appended, List<Revision> revisions, List<PriceBar> stored) {

        /** The file's bars with the new sessions, and with the revisions when {@code applyRevisions}. */
        List<PriceBar> bars(boolean applyRevisions) {
            NavigableMap<LocalDate, PriceBar> byDate = new TreeMap<>();
            stored.forEach(bar -> byDate.put(bar.date(), bar));
            if (applyRevisions) {
                revisions.forEach(r -> byDate.put(r.revised().date(), r.revised()));
            }
            appended.forEach(bar -> byDate.put(bar.date(), bar));
            return new ArrayList<>(byDate.values());
        }
    }

    private PriceMerge() {
    }

    /** @param lastSession the last completed session: a bar after it is still forming and is left out */
    static Result merge(List<PriceBar> stored, List<FetchedBar> fetched, LocalDate lastSession) {
        NavigableMap<LocalDate, PriceBar> storedByDate = new TreeMap<>();
        stored.forEach(bar -> storedByDate.put(bar.date(), bar));
        NavigableMap<LocalDate, FetchedBar> fetchedByDate = new TreeMap<>();
        fetched.stream().filter(bar -> !bar.date().isAfter(lastSession)).forEach(bar -> fetchedByDate.put(bar.date(), bar));
        LocalDate lastStored = storedByDate.isEmpty() ? LocalDate.MIN : storedByDate.lastKey();
        double factor = storedByDate.isEmpty() ? 1.0 : adjustment(storedByDate.lastEntry().getValue());
        List<PriceBar> appended = new ArrayList<>();
        List<Revision> revisions = new ArrayList<>();
        for (Map.Entry<LocalDate, FetchedBar> entry : fetchedByDate.entrySet()) {
            FetchedBar bar = entry.getValue();
            if (entry.getKey().isAfter(lastStored)) {
                appended.add(toPriceBar(bar, factor, 0));
                continue;
            }
            PriceBar old = storedByDate.get(entry.getKey());
            if (old == null) {
                Map.Entry<LocalDate, PriceBar> before = storedByDate.lowerEntry(entry.getKey());
                revisions.add(new Revision(null, toPriceBar(bar, before == null ? 1.0 : adjustment(before.getValue()), 0)));
            } else if (differs(old.open(), bar.open()) || differs(old.high(), bar.high()) || differs(old.low(), bar.low())
                    || differs(old.close(), bar.close())) {
                revisions.add(new Revision(old, toPriceBar(bar, adjustment(old), old.dividend())));
            }
        }
        return new Result(appended, revisions, stored);
    }

    private static double adjustment(PriceBar bar) {
        return bar.adjClose() / bar.close();
    }

    private static boolean differs(double stored, double fetched) {
        return Math.abs(fetched - stored) > TOLERANCE * Math.abs(stored);
    }

    private static PriceBar toPriceBar(FetchedBar bar, double factor, double dividend) {
        return new PriceBar(bar.date(), bar.open(), bar.high(), bar.low(), bar.close(),
                Math.round(bar.close() * factor * 1e6) / 1e6, bar.volume(), dividend);
    }

    /** The file's text: the stored header and one line per bar, numbers in their shortest exact decimal form. */
    static String csv(List<PriceBar> bars) {
        StringBuilder out = new StringBuilder("date,open,high,low,close,adj_close,volume,dividend\n");
        for (PriceBar bar : bars) {
            out.append(bar.date()).append(',').append(number(bar.open())).append(',').append(number(bar.high()))
                    .append(',').append(number(bar.low())).append(',').append(number(bar.close())).append(',')
                    .append(number(bar.adjClose())).append(',').append(bar.volume()).append(',')
                    .append(number(bar.dividend())).append('\n');
        }
        return out.toString();
    }

    static String number(double value) {
        return value == 0 ? "0" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
