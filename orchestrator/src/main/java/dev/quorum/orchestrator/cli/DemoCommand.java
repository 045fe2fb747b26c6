package dev.quorum.orchestrator.cli;

import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;
import dev.quorum.orchestrator.runtime.PublishTarget;
import dev.quorum.orchestrator.runtime.QuorumRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code quorum demo}: one cycle on the embedded defaults: the shipped market sample, the rules backend, SQLite and
 * the embedded vector store under ./var; publishes to Redis when one answers at the configured URL, else to a
 * JSON-lines file.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "One decision cycle over the shipped sample with the rules backend; prints the verdicts and where the envelopes went.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK + ":every ticker was decided", ExitCodes.NOT_DONE + ":some ticker was not decided, or only provisionally (models failed)", ExitCodes.USAGE, ExitCodes.STORE_UNUSABLE})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        QuorumConfig config = ConfigLoader.load(Optional.empty());
        try (QuorumRuntime runtime = QuorumRuntime.open(config, PublishTarget.REDIS_OR_FILE)) {
            return CycleCommand.runOnce(runtime, config.watchlist(), runtime.latestSession(), spec.commandLine().getOut());
        }
    }
}
