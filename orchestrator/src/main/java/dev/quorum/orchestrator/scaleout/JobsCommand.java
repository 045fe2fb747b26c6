package dev.quorum.orchestrator.scaleout;

import dev.quorum.agents.market.MarketDataException;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import dev.quorum.orchestrator.cli.ConfigOption;
import dev.quorum.orchestrator.cli.ExitCodes;
import dev.quorum.orchestrator.cli.TradeSessions;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.datasync.LiveMarketData;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.UnifiedJedis;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code quorum jobs}: the job stream of a scaled-out deployment, by hand. {@code enqueue} adds the jobs of one
 * session or of every session in a range (a backfill, or a day the scheduler missed); {@code status} shows the
 * backlog. Both use the configuration's watchlist, job stream and consumer group.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Enqueue decision jobs for workers (serve --role worker) or show the job backlog.",
        subcommands = {JobsCommand.Enqueue.class, JobsCommand.Status.class},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.USAGE})
public final class JobsCommand {

    /** Runs {@code work} against Redis; Redis not answering is an operator's error (one line, exit 2), not a bug. */
    static <T> T withRedis(QuorumConfig config, java.util.function.Function<UnifiedJedis, T> work) {
        return RedisConnections.withClient(RedisUrl.parse(config.redis().url()), work);
    }

    @Command(name = "enqueue", mixinStandardHelpOptions = true,
            description = "Enqueue one job per watchlist ticker for --date, or for every session from --from to --to.",
            exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.USAGE})
    static final class Enqueue implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ConfigOption config;

        @Option(names = "--date", description = "One trade date (YYYY-MM-DD); default: the latest session with data.")
        LocalDate date;

        @Option(names = "--from", description = "First trade date of a range (with --to).")
        LocalDate from;

        @Option(names = "--to", description = "Last trade date of a range (with --from).")
        LocalDate to;

        @Override
        public Integer call() {
            if ((from == null) != (to == null) || (date != null && from != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give --date, or both --from and --to");
            }
            QuorumConfig loaded = config.required();
            LiveMarketData market = LiveMarketData.open(loaded.marketDataDirectory(), loaded.market().maxFileBytes());
            // A job for a ticker without prices cannot be decided: a worker would retry it until it is dead-lettered.
            QuorumRuntime.tickersWithoutData(market, loaded.watchlist()).ifPresent(missing -> {
                throw new MarketDataException(missing + ": nothing enqueued");
            });
            PrintWriter out = spec.commandLine().getOut();
            List<LocalDate> sessions = sessions(loaded, market.calendar().sessions(), out);
            int total = withRedis(loaded, redis -> {
                JobQueue queue = new JobQueue(redis, new ScaleKeys(loaded.scale().jobStream()), loaded.scale().group());
                int enqueuedJobs = 0;
                for (LocalDate session : sessions) {
                    JobQueue.Enqueued enqueued = queue.enqueue(loaded.watchlist(), session, !loaded.decisions().redecide());
                    enqueuedJobs += enqueued.jobs().size();
                    out.printf("%s: %d job(s) enqueued, %d already published%n", session, enqueued.jobs().size(),
                            enqueued.alreadyPublished().size());
                }
                return enqueuedJobs;
            });
            out.printf("%d job(s) enqueued on %s%n", total, loaded.scale().jobStream());
            return ExitCodes.OK;
        }

        private List<LocalDate> sessions(QuorumConfig loaded, List<LocalDate> all, PrintWriter out) {
            if (date != null) {
                return List.of(TradeSessions.requireSession(spec.commandLine(), all, date, loaded));
            }
            if (from != null) {
                if (from.isAfter(to)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--from " + from + " is after --to " + to);
                }
                List<LocalDate> range = all.stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).toList();
                if (range.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "no session of the market data lies in " + from + ".." + to);
                }
                LocalDate last = all.get(all.size() - 1);
                if (to.isAfter(last)) {
                    // Said, not refused: a backfill up to today is the usual ask, and the data may just be behind.
                    out.printf("no market data after %s in %s: %s..%s left out (run bin/quorum data sync)%n", last,
                            loaded.marketDataDirectory(), last.plusDays(1), to);
                }
                return range;
            }
            return List.of(all.get(all.size() - 1));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the job backlog of the consumer group.",
            exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.DONE, ExitCodes.USAGE})
    static final class Status implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            QuorumConfig loaded = config.required();
            JobQueue.Backlog backlog = withRedis(loaded, redis ->
                    new JobQueue(redis, new ScaleKeys(loaded.scale().jobStream()), loaded.scale().group()).backlog());
            spec.commandLine().getOut().printf("stream %s, group %s: %d job(s), %d pending (taken, not acknowledged), "
                            + "%d not yet delivered, %d consumer(s), %d dead letter(s)%n", loaded.scale().jobStream(),
                    loaded.scale().group(), backlog.jobs(), backlog.pending(), backlog.undelivered(), backlog.consumers().size(),
                    backlog.deadLetters());
            // Redis lists every consumer that ever read: the time since its last read tells a departed worker apart.
            backlog.consumers().forEach(consumer -> spec.commandLine().getOut().println("  consumer " + consumer.describe()));
            // The reasons live in the dead-letter stream; the newest are what an operator acts on.
            backlog.latestDeadLetters().forEach(dead -> spec.commandLine().getOut().println("  dead letter " + dead.describe()));
            return ExitCodes.OK;
        }
    }
}
