package dev.quorum.memory.trust;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What one scored directional call is worth as evidence of its agent's skill ({@link AgentSkill#after}). Two
 * discounts, both because outcomes that share a market move are not independent observations:
 * <ul>
 *   <li><b>share</b> {@code = 1 / n}, n = the agent's directional calls on the call's trade date: the calls of one
 *       session share one observation (one rally makes a whole watchlist's bullish calls right together);</li>
 *   <li><b>novelty</b> {@code = min(g, H) / H}: the part of the session's outcome window (its H sessions) that the
 *       agent's previous directional session did not already cover, g = sessions from that trade date to this one.
 *       Deciding every session, consecutive 5-session outcomes share four sessions of price path, so the same
 *       persistent call is right or wrong five times over one move; each session then adds a fifth of an
 *       observation, and five sessions in a row add about one.</li>
 * </ul>
 * Sessions are counted as weekdays: a holiday inside a gap counts as a session, which only under-discounts.
 *
 * @param share   the call's part of its session, in (0, 1]; it is also its part of the session's forgetting
 * @param novelty the part of the session's outcome window not seen before by this agent, in (0, 1]
 */
public record SessionEvidence(double share, double novelty) {

    /** A lone directional call in a session whose outcome window overlaps no earlier one: one whole observation. */
    public static final SessionEvidence WHOLE = new SessionEvidence(1.0, 1.0);

    public SessionEvidence {
        if (!(share > 0 && share <= 1) || !(novelty > 0 && novelty <= 1)) {
            throw new IllegalArgumentException("session evidence needs share and novelty in (0, 1], was " + share + " and " + novelty);
        }
    }

    /**
     * @param directionalCalls the agent's directional calls on the trade date, the scored one included
     * @param previousSession  the latest earlier trade date on which the agent made a directional call, if any
     * @param tradeDate        the scored call's trade date
     * @param horizonSessions  H, the sessions of an outcome window
     */
    public static SessionEvidence of(int directionalCalls, Optional<LocalDate> previousSession, LocalDate tradeDate, int horizonSessions) {
        Objects.requireNonNull(previousSession, "previousSession");
        Objects.requireNonNull(tradeDate, "tradeDate");
        if (directionalCalls < 1) {
            throw new IllegalArgumentException("a scored directional call is one of at least 1 on its trade date, was " + directionalCalls);
        }
        if (horizonSessions < 1) {
            throw new IllegalArgumentException("an outcome window has at least 1 session, was " + horizonSessions);
        }
        int gap = previousSession
                .filter(previous -> previous.isAfter(tradeDate.minusDays(lookbackDays(horizonSessions))))
                .map(previous -> sessionsAfter(previous, tradeDate))
                .orElse(horizonSessions);
        return new SessionEvidence(1.0 / directionalCalls, (double) Math.min(gap, horizonSessions) / horizonSessions);
    }

    /** The evidence the call adds: {@code share * novelty}. */
    public double weight() {
        return share * novelty;
    }

    /**
     * How far back an earlier directional session can still overlap a trade date's outcome window: a date before
     * {@code tradeDate} minus this many calendar days is at least H weekdays away.
     */
    public static int lookbackDays(int horizonSessions) {
        return horizonSessions / 5 * 7 + horizonSessions % 5 + 2;
    }

    /**
     * Weekdays after {@code from} up to and including {@code to}: 1 from a Friday to the next Monday. A later trade date
     * is at least one session later, so a weekend date (which no market session has) counts as one.
     */
    static int sessionsAfter(LocalDate from, LocalDate to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the previous session " + from + " must be before " + to);
        }
        int sessions = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                sessions++;
            }
        }
        return Math.max(1, sessions);
    }
}
