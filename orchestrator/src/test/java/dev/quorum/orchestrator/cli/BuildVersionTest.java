package dev.quorum.orchestrator.cli;

import dev.quorum.testkit.ProjectPaths;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildVersionTest {

    @Test
    void should_print_the_poms_version_for_the_root_and_every_subcommand() throws Exception {
        Matcher pom = Pattern.compile("<artifactId>quorum-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ProjectPaths.root().resolve("pom.xml")));
        assertTrue(pom.find(), "the parent pom's version");
        String expected = "quorum " + pom.group(1) + System.lineSeparator();

        for (List<String> args : List.of(List.of("--version"), List.of("run", "--version"), List.of("serve", "--version"),
                List.of("jobs", "enqueue", "--version"), List.of("trade", "--version"))) {
            StringWriter out = new StringWriter();
            CommandLine cli = QuorumCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            assertEquals(0, cli.execute(args.toArray(String[]::new)), String.join(" ", args));
            assertEquals(expected, out.toString(), String.join(" ", args) + " prints the build's version, one line");
        }
    }
}
