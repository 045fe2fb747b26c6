package dev.quorum.orchestrator.cli;

import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.memory.outcomes.OutcomeRecorder;
import dev.quorum.memory.outcomes.OutcomeRules;
import dev.quorum.memory.store.QuorumDatabase;
import dev.quorum.memory.trust.RedisWeightsMirror;
import dev.quorum.memory.trust.TrustLedger;
import dev.quorum.memory.trust.TrustPolicies;
import dev.quorum.memory.trust.TrustSettings;
import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;
import redis.clients.jedis.RedisClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The learning side of an existing Quorum database, as the {@code weights} and {@code feedback} commands open it:
 * the database named by {@code --db} or by the configuration, the configured trust policy and outcome rules, and
 * the Redis weights mirror at the configured URL.
 */
final class LearningStore implements AutoCloseable {

    /** Exit code: the input was refused (payload, snapshot id); nothing changed. */
    static final int REFUSED = 1;
    /** Exit code: the configuration or the database cannot be used. */
    static final int UNUSABLE = 3;

    final Path file;
    final TrustLedger ledger;
    final OutcomeRecorder recorder;
    private final RedisClient redis;

    private LearningStore(Path file, TrustLedger ledger, OutcomeRecorder recorder, RedisClient redis) {
        this.file = file;
        this.ledger = ledger;
        this.recorder = recorder;
        this.redis = redis;
    }

    /** The {@code --db} and {@code --config} options of the commands that open the store. */
    static final class Options {

        @picocli.CommandLine.Option(names = "--db", paramLabel = "FILE",
                description = "The Quorum database (default: memory.sqlite_path under data_dir of the configuration: var/quorum.db).")
        Path database;

        @picocli.CommandLine.Option(names = "--config", paramLabel = "FILE",
                description = "The Quorum YAML configuration (database, trust policy, outcome epsilon, Redis URL of the weights mirror).")
        Path config;

        LearningStore open() {
            return LearningStore.open(Optional.ofNullable(config), Optional.ofNullable(database));
        }
    }

    /**
     * @throws IllegalStateException when there is no database at the path: reading commands never create one
     */
    static LearningStore open(Optional<Path> configFile, Optional<Path> databaseFile) {
        QuorumConfig config = ConfigLoader.load(configFile);
        Path file = databaseFile.orElse(config.sqliteFile());
        if (!Files.exists(file)) {
            throw new IllegalStateException("no Quorum database at " + file.toAbsolutePath()
                    + " (pass --db FILE, or --config FILE with memory.sqlite_path; the default is var/quorum.db)");
        }
        QuorumDatabase database = QuorumDatabase.open(file);
        RedisClient redis = RedisConnections.open(RedisUrl.parse(config.redis().url()));
        TrustSettings settings = new TrustSettings(TrustPolicies.byName(config.trust().policy().configName()),
                config.trust().snapshotEvery(), 0);
        TrustLedger ledger = new TrustLedger(database, settings, new RedisWeightsMirror(redis), Clock.systemUTC());
        OutcomeRules rules = new OutcomeRules(config.outcome().horizonSessions(), config.outcome().epsilon(), OutcomeRules.defaults().benchmark());
        OutcomeRecorder recorder = new OutcomeRecorder(database, ledger, rules, List.of(), Clock.systemUTC());
        return new LearningStore(file, ledger, recorder, redis);
    }

    @Override
    public void close() {
        redis.close();
    }
}
