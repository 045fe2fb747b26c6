package dev.quorum.orchestrator.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code --version} of every command: the version Maven built, from {@code version.properties} (a filtered
 * resource holding {@code ${project.version}}), so it can never drift from the pom.
 */
public final class BuildVersion implements CommandLine.IVersionProvider {

    /** The pom's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the classpath: broken build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = properties.getProperty("version", "");
        if (version.isBlank() || version.startsWith("${")) {
            throw new IllegalStateException("version.properties was not filtered by the build: '" + version + "'");
        }
        return version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"quorum " + version()};
    }

    /** Gives {@code command} and all its subcommands this version (picocli's would be empty on a subcommand). */
    static void applyTo(CommandLine command) {
        command.getCommandSpec().versionProvider(new BuildVersion());
        command.getSubcommands().values().forEach(BuildVersion::applyTo);
    }
}
