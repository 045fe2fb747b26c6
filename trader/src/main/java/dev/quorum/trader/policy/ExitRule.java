package dev.quorum.trader.policy;

import dev.quorum.trader.broker.Session;
import dev.quorum.trader.config.PolicySettings;

import java.util.List;
import java.util.Optional;

/**
 * When an open position is closed: at the close of its {@code holding_sessions}-th session (the entry session counts
 * as the first: Quorum's outcome horizon), or earlier at the first session whose close reaches the stop-loss or the
 * take-profit. The closing order is placed on that session and fills at the next session's open.
 */
public final class ExitRule {

    /** Why and on which session a position is to be closed. */
    public record Exit(Session on, String reason) {
    }

    private final PolicySettings settings;

    public ExitRule(PolicySettings settings) {
        this.settings = settings;
    }

    /** @param sessions the ticker's sessions from the entry session on, oldest first */
    public Optional<Exit> due(boolean longSide, double entryPrice, List<Session> sessions) {
        for (int i = 0; i < sessions.size(); i++) {
            Session s = sessions.get(i);
            double move = (longSide ? 1 : -1) * (s.close() - entryPrice) / entryPrice;
            if (settings.stopLossFraction().isPresent() && move <= -settings.stopLossFraction().getAsDouble()) {
                return Optional.of(new Exit(s, "stop_loss"));
            }
            if (settings.takeProfitFraction().isPresent() && move >= settings.takeProfitFraction().getAsDouble()) {
                return Optional.of(new Exit(s, "take_profit"));
            }
            if (i + 1 >= settings.holdingSessions()) {
                return Optional.of(new Exit(s, "horizon"));
            }
        }
        return Optional.empty();
    }
}
