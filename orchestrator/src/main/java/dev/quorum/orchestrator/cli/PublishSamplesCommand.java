package dev.quorum.orchestrator.cli;

import dev.quorum.envelope.Target;
import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.consume.DecisionLookup;
import dev.quorum.envelope.publish.EnvelopePublisher;
import dev.quorum.envelope.publish.PublisherSettings;
import dev.quorum.envelope.redis.ArenaKeys;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

/** {@code quorum publish-samples}: publishes realistic sample envelopes (marked {@code meta.sample}) to the stream. */
@Command(name = "publish-samples", mixinStandardHelpOptions = true,
        description = {"Publish sample v1 envelopes (meta.sample=true) to the stream and decision hashes.",
                "For demos and consumer integration tests. Prints one line per entry: entry_id ticker verdict.",
                "A ticker whose decision hash for today holds a real decision is skipped: a sample never replaces it."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE, ExitCodes.NOT_DONE + ":some samples were skipped: their decision hash holds a real decision",
                ExitCodes.USAGE})
public final class PublishSamplesCommand implements Callable<Integer> {

    @Mixin
    RedisOptions redis;

    @Option(names = "--count", paramLabel = "N", defaultValue = "5", description = "How many envelopes (default: ${DEFAULT-VALUE}).")
    int count;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        RedisUrl url = redis.redisUrl();
        PublisherSettings settings = new PublisherSettings(redis.streamName(), redis.maxLength());
        SampleEnvelopes samples = new SampleEnvelopes(System.nanoTime(), LocalDate.now(ZoneOffset.UTC));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int published = RedisConnections.withClient(url, client -> {
            redis.requireStream(client);
            EnvelopePublisher publisher = new EnvelopePublisher(client, settings);
            int done = 0;
            for (int i = 0; i < count; i++) {
                TradingIntelligenceEnvelope envelope = samples.next(i);
                Target target = envelope.decision().target();
                if (holdsRealDecision(client, target)) {
                    err.println("publish-samples: " + target.ticker() + " skipped: "
                            + ArenaKeys.decisionHash(target.ticker(), target.tradeDate()) + " holds a real decision, which a sample never replaces");
                    continue;
                }
                String id = publisher.publish(envelope);
                out.println(id + " " + target.ticker() + " " + envelope.decision().synthesis().verdict());
                done++;
            }
            return done;
        });
        out.flush();
        err.println("publish-samples: " + published + " envelopes to " + settings.stream() + " on " + url
                + (published < count ? "; " + (count - published) + " skipped" : ""));
        return published == count ? ExitCodes.OK : ExitCodes.NOT_DONE;
    }

    /**
     * Whether the target's decision hash (the one every stream shares: it is keyed by ticker and date, not by stream)
     * holds anything but an earlier sample. The samples are dated today, the date a live service decides, and a
     * consumer's point lookup ({@link DecisionLookup}) reads the hash as the current decision. An entry that cannot be
     * decoded counts as real: it is not ours to overwrite. Checked just before publishing, not atomically with it.
     */
    private static boolean holdsRealDecision(UnifiedJedis client, Target target) {
        if (!client.exists(ArenaKeys.decisionHash(target.ticker(), target.tradeDate()))) {
            return false;
        }
        return new DecisionLookup(client).current(target.ticker(), target.tradeDate())
                .map(current -> !Boolean.TRUE.equals(current.meta().get("sample")))
                .orElse(true);
    }
}
