package dev.quorum.orchestrator.cli;

import dev.quorum.agents.market.MarketDataException;
import dev.quorum.envelope.redis.RedisUnavailableException;
import dev.quorum.memory.recall.UnusableRecallStoreException;
import dev.quorum.memory.store.UnusableDatabaseException;
import dev.quorum.orchestrator.config.ConfigException;
import dev.quorum.orchestrator.datasync.SyncFailure;
import dev.quorum.orchestrator.runtime.DataDirLockedException;
import picocli.CommandLine;
import redis.clients.jedis.exceptions.JedisAccessControlException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Errors an operator fixes (configuration, market data files, a Sentinel or Cluster that cannot be reached or does
 * not know the master name, Redis refusing the credentials, a market-data provider refusing the key, a database another process writes) are printed
 * as one clear line with exit code {@link ExitCodes#OPERATOR_ERROR}; a database file that cannot be used (corrupt,
 * not SQLite, not writable, a newer schema, a directory that is a file) or a recall store file that cannot be read as
 * one line with {@link ExitCodes#UNUSABLE}, in every command. Anything
 * else is a bug and keeps picocli's default report with its stack trace.
 */
final class OperatorErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        int code;
        if (e instanceof UnusableDatabaseException || e instanceof UnusableRecallStoreException) {
            code = ExitCodes.UNUSABLE;
        } else if (e instanceof ConfigException || e instanceof MarketDataException || e instanceof RedisUnavailableException
                || e instanceof SyncFailure || e instanceof DataDirLockedException) {
            code = ExitCodes.OPERATOR_ERROR;
        } else if (e instanceof JedisAccessControlException refused) {
            // WRONGPASS, NOAUTH, NOPERM: Redis' own words name what it refused; they never carry the password.
            cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": Redis refused: " + refused.getMessage()
                    + " (check the user, password and ACL of the Redis URL: --redis, QUORUM_REDIS_URL or the credentials file)");
            cli.getErr().flush();
            return ExitCodes.OPERATOR_ERROR;
        } else {
            throw e;
        }
        cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        cli.getErr().flush();
        return code;
    }

    /**
     * A wrong option or value on the command line: one line naming the command and what was wrong, with where to
     * read the usage, never the whole usage dump.
     */
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                + " (see " + cli.getCommandSpec().qualifiedName() + " --help)");
        cli.getErr().flush();
        return ExitCodes.OPERATOR_ERROR;
    }

    /** A {@code --date}: an ISO date, or an error naming the format the operator should write. */
    static LocalDate tradeDate(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a date; expected yyyy-MM-dd, e.g. 2024-06-03");
        }
    }
}
