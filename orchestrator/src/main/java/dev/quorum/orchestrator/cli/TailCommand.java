package dev.quorum.orchestrator.cli;

import dev.quorum.envelope.Decision;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.consume.ConsumerGroupReader;
import dev.quorum.envelope.consume.EnvelopeConsumer;
import dev.quorum.envelope.consume.GroupSettings;
import dev.quorum.envelope.consume.ReadSettings;
import dev.quorum.envelope.consume.ReceivedEnvelope;
import dev.quorum.envelope.consume.StreamTail;
import dev.quorum.envelope.json.PrintableText;
import dev.quorum.envelope.json.PythonDateTime;
import dev.quorum.envelope.json.PythonFloat;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import redis.clients.jedis.UnifiedJedis;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code quorum tail}: prints decoded envelopes from the stream, one line each, until Ctrl-C or {@code --count}. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print decoded envelopes from the stream, one line each.",
                "Columns: published_at ticker trade_date verdict confidence ensemble_score correlation_id.",
                "Undecodable entries (other schema versions, malformed) are skipped and counted on stderr."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE, ExitCodes.USAGE, "130:stopped by Ctrl-C (SIGINT), after the summary line on stderr"})
public final class TailCommand implements Callable<Integer> {

    @Mixin
    RedisOptions redis;

    @Option(names = "--from-start", description = "Replay the whole stream first (default: only new entries; "
            + "with --group: where a new group starts).")
    boolean fromStart;

    @Option(names = "--group", paramLabel = "G", description = "Read as consumer-group member (XREADGROUP, ack after printing).")
    String group;

    @Option(names = "--consumer", paramLabel = "C", description = "This consumer's name in the group (with --group).")
    String consumer;

    @Option(names = "--count", paramLabel = "N", description = "Stop after printing N envelopes.")
    Long count;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((group == null) != (consumer == null)) {
            throw new ParameterException(spec.commandLine(), "--group and --consumer go together");
        }
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        RedisUrl url = redis.redisUrl();
        ReadSettings settings = ReadSettings.defaults().withStream(redis.streamName());
        return RedisConnections.withClient(url, client -> tail(client, url, settings));
    }

    private int tail(UnifiedJedis client, RedisUrl url, ReadSettings settings) {
        PrintWriter out = spec.commandLine().getOut();
        // Unreachable Redis is one line from the caller, not a banner followed by an error.
        client.ping();
        redis.requireStream(client);
        EnvelopeConsumer loop = group == null
                ? (fromStart ? StreamTail.fromStart(client, settings) : StreamTail.fromLatest(client, settings))
                : new ConsumerGroupReader(client, settings,
                        GroupSettings.of(group, consumer).withNewGroupFromStart(fromStart));
        spec.commandLine().getErr().printf("tail: %s stream %s%s%n", url, settings.stream(),
                group == null ? "" : " group " + group + " consumer " + consumer);
        if (count != null) {
            // Reads no entry beyond the count: in a group, nothing is left pending on this consumer.
            loop.stopAfter(count);
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            loop.stop();
            awaitQuietly(finished);
        }, "quorum-tail-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            loop.run(received -> {
                out.println(line(received));
                out.flush();
            });
        } finally {
            // Before releasing the Ctrl-C hook: once it returns the JVM halts, and the summary must be out by then.
            spec.commandLine().getErr().println("tail: " + loop.stats());
            spec.commandLine().getErr().flush();
            finished.countDown();
        }
        removeQuietly(onCtrlC);
        return ExitCodes.OK;
    }

    /**
     * {@code published_at ticker trade_date verdict confidence ensemble_score correlation_id}; "-" for an empty ticker.
     * The free-text fields are another publisher's words: control characters in them are printed escaped.
     */
    static String line(ReceivedEnvelope received) {
        TradingIntelligenceEnvelope envelope = received.envelope();
        Decision decision = envelope.decision();
        return String.join(" ",
                PythonDateTime.pydanticJson(envelope.publishedAt()),
                decision.target().ticker().isEmpty() ? "-" : decision.target().ticker(),
                decision.target().tradeDate().isEmpty() ? "-" : PrintableText.escape(decision.target().tradeDate()),
                decision.synthesis().verdict().name(),
                PythonFloat.repr(decision.synthesis().confidence()),
                PythonFloat.repr(decision.synthesis().ensembleScore()),
                PrintableText.escape(envelope.correlationId()));
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Ctrl-C arrived as the last envelope was printed: the hook is running, nothing to remove.
        }
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
