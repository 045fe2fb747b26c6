package dev.quorum.orchestrator.datasync;

import java.time.LocalDate;
import java.util.List;

/** A provider of daily bars. */
public interface PriceSource {

    /** The provider's name in logs, summaries and metrics. */
    String name();

    /**
     * The bars of {@code ticker} from {@code from} to {@code to}, both inclusive, oldest first; empty when the provider
     * has none in that range (weekends, holidays, or a symbol it does not know: the caller tells those apart).
     *
     * @throws SyncFailure when the provider cannot answer
     */
    List<FetchedBar> dailyBars(String ticker, LocalDate from, LocalDate to);
}
