package dev.quorum.orchestrator.cli;

import dev.quorum.agents.market.MarketDataException;
import dev.quorum.envelope.redis.RedisUnavailableException;
import dev.quorum.memory.store.UnusableDatabaseException;
import dev.quorum.orchestrator.config.ConfigException;
import dev.quorum.orchestrator.datasync.SyncFailure;
import picocli.CommandLine;

/**
 * Errors an operator fixes (configuration, market data files, the database file, a Sentinel or Cluster that cannot
 * be reached or does not know the master name, a market-data provider refusing the key) are printed as one clear line
 * with exit code 2; anything else is a bug and keeps picocli's default report with its stack trace.
 */
final class OperatorErrors implements CommandLine.IExecutionExceptionHandler {

    static final int OPERATOR_ERROR = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof ConfigException || e instanceof MarketDataException || e instanceof UnusableDatabaseException
                || e instanceof RedisUnavailableException || e instanceof SyncFailure) {
            cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            cli.getErr().flush();
            return OPERATOR_ERROR;
        }
        throw e;
    }
}
