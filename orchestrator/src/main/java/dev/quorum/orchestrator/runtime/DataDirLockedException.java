package dev.quorum.orchestrator.runtime;

import java.nio.file.Path;

/** Another process writes this database; the message is the one line the refused command prints. */
public final class DataDirLockedException extends RuntimeException {

    private final transient DataDirLock.Holder holder;

    DataDirLockedException(Path database, DataDirLock.Holder holder) {
        super(message(database, holder));
        this.holder = holder;
    }

    public DataDirLock.Holder holder() {
        return holder;
    }

    private static String message(Path database, DataDirLock.Holder holder) {
        String who = holder.pid().map(pid -> "process " + pid).orElse("another process")
                + holder.command().map(c -> " (quorum " + c + ")").orElse("");
        String instead = holder.api()
                .map(api -> "; go through it instead: quorum feedback --via-api " + api + " --file PAYLOAD, weights at " + api + "/api/weights")
                .orElse("; stop it first, or run serve with its API on and use quorum feedback --via-api URL");
        return who + " is writing " + database.toAbsolutePath() + " (one writer per data directory)" + instead;
    }
}
