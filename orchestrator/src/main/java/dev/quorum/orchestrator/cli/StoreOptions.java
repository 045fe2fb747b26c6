package dev.quorum.orchestrator.cli;

import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --db} and {@code --config} options of the commands that work on an existing Quorum database
 * ({@code weights}, {@code feedback}). They open the same runtime as the service, so feedback given here trains
 * the meta-learner and indexes recall exactly like {@code POST /api/feedback}; nothing is published (the outbox
 * publisher is not started).
 */
public final class StoreOptions {

    @Option(names = "--db", paramLabel = "FILE",
            description = "The Quorum database (default: memory.sqlite_path under data_dir of the configuration: var/quorum.db).")
    Path database;

    /** The database, trust policy, outcome epsilon and Redis URL of the weights mirror. */
    @Mixin
    ConfigOption config = new ConfigOption();

    /** The configuration these options name, {@code --db} applied. */
    QuorumConfig loadConfig() {
        QuorumConfig loaded = config.load();
        return database == null ? loaded : loaded.withSqliteFile(database.toAbsolutePath());
    }

    /**
     * @throws IllegalStateException when there is no database at the path: these commands never create one
     */
    QuorumRuntime openRuntime() {
        QuorumConfig quorumConfig = loadConfig();
        Path file = quorumConfig.sqliteFile();
        if (!Files.exists(file)) {
            throw new IllegalStateException(noDatabase(file));
        }
        return QuorumRuntime.openToInspect(quorumConfig);
    }

    /** The refusal of a database path with nothing there, in every command that reads one and never creates it. */
    public static String noDatabase(Path file) {
        return "no Quorum database at " + file.toAbsolutePath()
                + " (pass --db FILE, or --config FILE with data_dir and memory.sqlite_path; the default is var/quorum.db)";
    }
}
