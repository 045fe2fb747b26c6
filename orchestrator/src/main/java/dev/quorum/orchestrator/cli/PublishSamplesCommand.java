package dev.quorum.orchestrator.cli;

import dev.quorum.envelope.TradingIntelligenceEnvelope;
import dev.quorum.envelope.publish.EnvelopePublisher;
import dev.quorum.envelope.publish.PublisherSettings;
import dev.quorum.envelope.redis.RedisConnections;
import dev.quorum.envelope.redis.RedisUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

/** {@code quorum publish-samples}: publishes realistic sample envelopes (marked {@code meta.sample}) to the stream. */
@Command(name = "publish-samples", mixinStandardHelpOptions = true,
        description = {"Publish sample v1 envelopes (meta.sample=true) to the stream and decision hashes.",
                "For demos and consumer integration tests. Prints one line per entry: entry_id ticker verdict."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE, ExitCodes.USAGE})
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
        RedisConnections.withClient(url, client -> {
            EnvelopePublisher publisher = new EnvelopePublisher(client, settings);
            for (int i = 0; i < count; i++) {
                TradingIntelligenceEnvelope envelope = samples.next(i);
                String id = publisher.publish(envelope);
                out.println(id + " " + envelope.decision().target().ticker() + " " + envelope.decision().synthesis().verdict());
            }
            return count;
        });
        out.flush();
        spec.commandLine().getErr().println("publish-samples: " + count + " envelopes to " + settings.stream() + " on " + url);
        return ExitCodes.OK;
    }
}
