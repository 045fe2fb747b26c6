package dev.quorum.orchestrator.cli;

import dev.quorum.orchestrator.config.ConfigLoader;
import dev.quorum.orchestrator.config.QuorumConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code --config FILE}, the one way every {@code bin/quorum} command names the Quorum configuration (a picocli
 * mixin). Without the option the file named by {@code $QUORUM_CONFIG} is used, so a shell or unit that exports it
 * needs no {@code --config} on any command. Without either, commands that can work on the built-in defaults (and
 * the environment's {@code QUORUM_} settings) do; {@code run}, {@code serve} and {@code jobs} ask for a file with
 * {@link #required()}, since a service silently running on the defaults is worse than a refusal.
 * The trader's {@code trade --config} names the trader's own file, not this one (see the trader module).
 */
public final class ConfigOption {

    /** The option's default: picocli reads the variable when the command line is built; unset leaves it null. */
    public static final String FROM_ENVIRONMENT = "${env:QUORUM_CONFIG}";
    /** The help text of {@code --config}, the same in every command. */
    public static final String DESCRIPTION = "The Quorum YAML configuration file (default: the file named by $QUORUM_CONFIG).";

    @Option(names = "--config", paramLabel = "FILE", defaultValue = FROM_ENVIRONMENT, description = DESCRIPTION)
    Path file;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** {@code --config}, else {@code $QUORUM_CONFIG}; empty when neither is given. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The configuration: the file's, or the built-in defaults when there is none; the environment applies. */
    public QuorumConfig load() {
        return ConfigLoader.load(file());
    }

    /** The configuration of a command that needs a file; neither {@code --config} nor the variable is a usage error. */
    public QuorumConfig required() {
        if (file == null) {
            throw new ParameterException(command.commandLine(), "Missing required option: '--config=FILE' (or set QUORUM_CONFIG)");
        }
        return load();
    }
}
